def load():
    try:
        {}["missing"]
    except KeyError as e:
        raise RuntimeError("could not load") from e
load()
