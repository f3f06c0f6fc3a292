"""The main window: menus and actions, dialogs, exports menu and remembered window state."""
