"""Reading and writing files: YAML with positions, the disk caches, atomic writes."""
