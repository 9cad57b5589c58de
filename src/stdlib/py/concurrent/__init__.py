"""concurrent package (Threadlab)."""
