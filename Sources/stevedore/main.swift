import StevedoreCommands

await StevedoreCommand.run()
