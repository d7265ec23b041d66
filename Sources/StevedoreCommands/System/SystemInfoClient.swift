import Stevedore
import StevedoreFormatting

extension StevedoreCommand.System.Info {
    /// `docker info`'s client half (docker's `clientInfo`), as its templates see it under
    /// `.ClientInfo`: `version`'s client struct embedded, whose fields are its own, without the
    /// API version (as docker's).
    struct ClientInfo: Encodable, GoTypedFields {
        static let goStructType: String? = "*system.clientInfo"
        static let goFieldNames = ["APIVersion": "ApiVersion"]
        static let goOmittedWhenNil = StevedoreCommand.Version.Report.Client.goOmittedWhenNil

        var Debug: Bool
        var client: StevedoreCommand.Version.Report.Client
        /// docker's CLI plugins; stevedore runs none.
        var Plugins: [String] = []
        var Warnings: [String]? = nil

        init(Debug: Bool, Context: String) {
            self.Debug = Debug
            self.client = .init(ApiVersion: nil, Context: Context)
        }

        private enum CodingKeys: String, CodingKey { case Debug, Plugins, Warnings }

        /// Go's JSON of an embedded struct: its fields between the outer ones, in place.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(self.Debug, forKey: .Debug)
            try self.client.encode(to: encoder)
            try container.encode(self.Plugins, forKey: .Plugins)
            try container.encodeIfPresent(self.Warnings, forKey: .Warnings)
        }

        /// The text `docker info` prints before the server's, ending with a blank line.
        var section: String {
            """
            Client: Stevedore
             Version:    \(self.client.Version)
             Context:    \(self.client.Context)
             Debug Mode: \(self.Debug)


            """
        }
    }

    /// What docker runs a template over first, to see whether it needs the server at all.
    struct ClientOnly: Encodable {
        var ClientInfo: ClientInfo
    }
}
