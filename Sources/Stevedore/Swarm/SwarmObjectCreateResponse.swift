/// The answer to `POST /secrets/create` and `POST /configs/create`. The spec names its id
/// `Id` (`IDResponse`); the daemon sends `ID`. Either is read.
struct SwarmObjectCreateResponse: Decodable {
    let id: String

    private enum CodingKeys: String, CodingKey {
        case spelledByTheDaemon = "ID"
        case spelledByTheSpec = "Id"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id =
            try container.decodeIfPresent(String.self, forKey: .spelledByTheDaemon)
            ?? container.decode(String.self, forKey: .spelledByTheSpec)
    }
}
