"""The catalogue: titles and forms of commendation, their rule sets and the base salary by date."""
