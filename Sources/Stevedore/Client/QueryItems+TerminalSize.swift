extension QueryItems {
    /// `h` and `w` of a TTY resize (containers and exec instances alike), checked as the daemon
    /// stores them (two `uint16`s) so that a bad size fails before any request.
    static func terminalSize(height: Int, width: Int) throws -> QueryItems {
        guard (1...Int(UInt16.max)).contains(height), (1...Int(UInt16.max)).contains(width) else {
            throw DockerError.invalidInput("invalid terminal size \(height)x\(width): height and width must be 1…65535")
        }
        var query = QueryItems()
        query.add("h", height)
        query.add("w", width)
        return query
    }
}
