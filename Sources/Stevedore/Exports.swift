@_exported import StevedoreModels
