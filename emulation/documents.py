"""What the emulation app's PDFs contain."""
