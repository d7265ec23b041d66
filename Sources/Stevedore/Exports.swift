// What a program needs besides the library's own types, so that `import Stevedore` is enough:
// the generated models, the byte buffer that streams and uploads carry (NIO users pass theirs
// through without a copy) and the logger `DockerClient.init(configuration:logger:)` takes.
// Only these two types are re-exported, not their modules: NIO's and swift-log's other names
// stay out of a user's namespace.
@_exported import StevedoreModels

@_exported import struct Logging.Logger
@_exported import struct NIOCore.ByteBuffer
