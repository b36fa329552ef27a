"""The core: the pack, the library, resolving a proposal, the engine, its result models, waivers."""
