import NIOCore
import StevedoreCommands

// A command's requests all travel on its one client's event loop (HTTPTransport takes one
// loop of the group): a second loop thread would only be started and left idle.
NIOSingletons.groupLoopCountSuggestion = 1
await StevedoreCommand.run()
