"""Clusters and blocs (cụm, khối thi đua) and the online signing of their yearly emulation
pledge (giao ước thi đua)."""
