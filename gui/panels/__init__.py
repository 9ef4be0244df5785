"""Side panels (dock contents): actors, events, notes and highlights."""
