"""Writers that render results for people and for machines."""
