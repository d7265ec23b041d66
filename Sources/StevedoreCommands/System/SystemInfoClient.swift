import Stevedore
import StevedoreFormatting

extension StevedoreCommand.System.Info {
    /// `docker info`'s client half (docker's `clientInfo`), as its templates see it under
    /// `.ClientInfo`; docker's Go build details (commit, Go version, build time) are not
    /// stevedore's to give.
    struct ClientInfo: Encodable, GoTypedFields {
        static let goStructType: String? = "*system.clientInfo"

        var Debug: Bool
        var Version = StevedoreLibrary.version
        var DefaultAPIVersion = APIVersion.clientMaximum.description
        var Os = OCIPlatform.current.os ?? ""
        var Arch = OCIPlatform.current.architecture ?? ""
        var Context: String
        /// docker's CLI plugins; stevedore runs none.
        var Plugins: [String] = []
        var Warnings: [String]? = nil

        /// The text `docker info` prints before the server's, ending with a blank line.
        var section: String {
            """
            Client: Stevedore
             Version:    \(self.Version)
             Context:    \(self.Context)
             Debug Mode: \(self.Debug)


            """
        }
    }

    /// What docker runs a template over first, to see whether it needs the server at all.
    struct ClientOnly: Encodable {
        var ClientInfo: ClientInfo
    }
}
