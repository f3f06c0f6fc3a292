"""bodymap: a self-treatment body map for people who roll out sore muscles."""

__all__ = ["__version__"]

__version__ = "0.1.0"
