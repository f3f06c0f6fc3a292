"""The open map as the GUI sees it: undo stack, commands, file dialogs and change notifications."""
