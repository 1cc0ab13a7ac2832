"""Word documents: the default template and a builder every board paper uses."""
