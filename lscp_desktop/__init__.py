"""LSCP Desktop: the business manager's tool for a Local Safeguarding Children Partnership."""

__version__ = "0.1.0"
APP_NAME = "LSCP Desktop"
