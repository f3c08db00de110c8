from .loris import LorisModel, build_model, count_parameters

__all__ = ["LorisModel", "build_model", "count_parameters"]
