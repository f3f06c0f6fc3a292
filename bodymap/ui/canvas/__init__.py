"""The body diagram: both views with spots, hover, keyboard walk and highlights."""
