"""urllib: parse, request, error and response (ours, over the engine's `_net`)."""
