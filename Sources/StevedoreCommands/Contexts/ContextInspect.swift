import ArgumentParser
import Foundation
import Stevedore
import StevedoreFormatting

extension StevedoreCommand.Context {
    /// `stevedore context inspect [CONTEXT...]`: the contexts (the current one when none is
    /// named) as docker shows them, a JSON array indented by four spaces, or each through
    /// `--format`. Contexts that cannot be read are reported at the end, exit code 1.
    struct Inspect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inspect", abstract: "Display detailed information on one or more contexts")

        @Option(name: [.customShort("f"), .long], help: "Format output using a custom template: 'json' or a Go template")
        var format: String?

        @Argument(help: "CONTEXT") var contexts: [String] = []
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let format = self.format ?? ""
            // As docker: a template that does not parse fails first, with exit code 64.
            let template = try format.isEmpty || format == "json" ? nil : CommandOutput.parse(format).template
            let environment = ProcessInfo.processInfo.environment
            let store = DockerContextStore(environment: environment)
            let names =
                try self.contexts.isEmpty
                ? [store.currentContextName(environment: environment, context: self.global.context)] : self.contexts
            var elements: [TemplateValue] = []
            var rendered = ""
            var errors: [String] = []
            for name in names {
                do {
                    let element = Self.element(try store.context(named: name, environment: environment), as: name, in: store)
                    if let template {
                        rendered += try template.render(element) + "\n"
                    } else {
                        elements.append(element)
                    }
                } catch let error as TemplateError {
                    errors.append("template parsing error: \(error.message)")
                } catch {
                    errors.append("\(error)")
                }
            }
            if template != nil {
                printOut(rendered.isEmpty ? "\n" : rendered)
            } else {
                let json = TemplateValue.array(elements).jsonText(escapingHTML: true)
                printOut((format == "json" ? json : GoJSONIndent.indent(json.utf8)) + "\n")
            }
            guard errors.isEmpty else { throw CommandFailure(description: errors.joined(separator: "\n")) }
        }

        /// What docker shows of `context`, looked up as `name`: its metadata (`Name`,
        /// `Metadata`, and `Endpoints` when it has one), the names of its TLS files by endpoint
        /// (`null` for an endpoint directory without files), and where it is stored
        /// (`<IN MEMORY>` for `default`).
        static func element(_ context: DockerContext, as name: String, in store: DockerContextStore) -> TemplateValue {
            var metadata = TemplateObject()
            metadata["Description"] = context.description.map(TemplateValue.string)
            var element = TemplateObject([("Name", .string(context.name)), ("Metadata", .object(metadata))])
            if let endpoint = context.endpoint {
                var docker = TemplateObject()
                docker["Host"] = endpoint.host.map(TemplateValue.string)
                docker["SkipTLSVerify"] = .bool(endpoint.skipTLSVerify)
                element["Endpoints"] = ["docker": .object(docker)]
            }
            let isDefault = name == DockerContext.defaultName
            let tlsFiles =
                isDefault ? context.tls.map { ["docker": Self.storedNames(of: $0)] } ?? [:] : store.tlsFileNames(ofContext: name)
            let material = tlsFiles.sorted { $0.key < $1.key }.map { endpoint, files -> (String, TemplateValue) in
                (endpoint, files.isEmpty ? .null : .array(files.map(TemplateValue.string)))
            }
            element["TLSMaterial"] = .object(TemplateObject(material))
            element["Storage"] = [
                "MetadataPath": .string(isDefault ? "<IN MEMORY>" : store.metadataDirectory(forContext: name).path),
                "TLSPath": .string(isDefault ? "<IN MEMORY>" : store.tlsDirectory(forContext: name).path),
            ]
            return .object(element)
        }

        /// The names the store gives the TLS files `tls` has.
        private static func storedNames(of tls: DockerContext.TLSFiles) -> [String] {
            [("ca.pem", tls.caCertificate), ("cert.pem", tls.clientCertificate), ("key.pem", tls.clientKey)].compactMap { name, url in
                url == nil ? nil : name
            }
        }
    }
}
