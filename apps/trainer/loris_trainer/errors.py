"""Typed errors with a stable code and a message a user can act on (never a stack trace)."""


class TrainerError(Exception):
    code = "TRAINER_ERROR"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def to_json(self) -> dict:
        return {"event": "error", "code": self.code, "message": self.message}


class ConfigError(TrainerError):
    code = "INVALID_CONFIG"


class InvalidPoseTrack(TrainerError):
    code = "INVALID_POSE_TRACK"


class ManifestError(TrainerError):
    code = "INVALID_MANIFEST"


class CheckpointError(TrainerError):
    code = "INVALID_CHECKPOINT"


class ExportError(TrainerError):
    code = "EXPORT_FAILED"
