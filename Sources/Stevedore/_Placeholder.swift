// placeholder until this target has sources
