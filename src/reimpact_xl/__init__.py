"""reimpact-xl: municipal social-entrepreneurship action plans as Excel workbooks."""
__version__ = "0.1.0"
