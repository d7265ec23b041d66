import ArgumentParser
import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Context {
    /// `stevedore context inspect [CONTEXT...]`: the contexts (the current one when none is
    /// named) as docker shows them, a JSON array indented by four spaces, or each through
    /// `--format`. Contexts that cannot be read are reported at the end, exit code 1.
    struct Inspect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inspect", abstract: "Display detailed information on one or more contexts")

        @Option(
            name: [.customShort("f"), .long], parsing: .unconditional,
            help: "Format output using a custom template: 'json' or a Go template")
        var format: String?

        @Argument(help: "CONTEXT") var contexts: [String] = []
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let format = self.format ?? ""
            // As docker: a template that does not parse fails first, with exit code 64.
            let template = try format.isEmpty || format == "json" ? nil : CommandOutput.parseTemplate(format)
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
                    let element = try Self.element(try store.context(named: name, environment: environment), as: name, in: store)
                    if let template {
                        rendered += try template.render(Self.goValue(of: element)) + "\n"
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
                printOut((format == "json" ? json : GoJSONText.indent(json.utf8)) + "\n")
            }
            guard errors.isEmpty else { throw CommandFailure(description: errors.joined(separator: "\n")) }
        }

        /// What docker shows of `context`, looked up as `name`: its metadata (`Name`,
        /// `Metadata`, and `Endpoints` when it has any; the keys of both sorted, as Go writes a
        /// map), the names of its TLS files by endpoint (`null` for an endpoint directory
        /// without files), and where it is stored (`<IN MEMORY>` for `default`).
        static func element(_ context: DockerContext, as name: String, in store: DockerContextStore) throws -> TemplateValue {
            var metadata = try context.additionalMetadata.mapValues { try TemplateValue(encoding: $0) }
            metadata["Description"] = context.description.map(TemplateValue.string)
            var element = TemplateObject([("Name", .string(context.name)), ("Metadata", .object(Self.sorted(metadata)))])
            var endpoints = try context.otherEndpoints.mapValues { try TemplateValue(encoding: $0) }
            if let endpoint = context.endpoint {
                var docker = TemplateObject()
                docker["Host"] = endpoint.host.map(TemplateValue.string)
                docker["SkipTLSVerify"] = .bool(endpoint.skipTLSVerify)
                endpoints["docker"] = .object(docker)
            }
            if !endpoints.isEmpty { element["Endpoints"] = .object(Self.sorted(endpoints)) }
            let isDefault = name == DockerContext.defaultName
            let tlsFiles =
                isDefault ? context.tls.map { ["docker": $0.byStoredName.map(\.name)] } ?? [:] : store.tlsFileNames(ofContext: name)
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

        /// What docker's template runs over, with no JSON to fall back to: its Go value of
        /// `element`, a `contextWithTLSListing`, which embeds the context's `store.Metadata` (so
        /// `.Metadata` is that struct, and `.Name` and `.Endpoints` are its fields too), whose
        /// own `Metadata` holds a `command.DockerContext` and whose endpoints are structs, both
        /// held as `interface {}`, which is what a field they lack names.
        static func goValue(of element: TemplateValue) -> TemplateValue {
            guard case .object(let listing) = element else { return element }
            func goStruct(_ fields: [(String, TemplateValue)], type: String, json: TemplateValue? = nil) -> TemplateObject {
                var object = TemplateObject(fields)
                object.goStructType = type
                object.goStructFields = fields.map { .field($0.0) }
                object.goJSON = json
                return object
            }
            func goMap(_ value: TemplateValue?, _ element: (String, TemplateValue) -> TemplateValue = { $1 }) -> TemplateValue {
                guard case .object(let entries)? = value else { return .object(TemplateObject()) }
                var map = TemplateObject(entries.keys.map { ($0, element($0, entries[$0] ?? .null)) })
                map.typedMapElement = .pointer
                return .object(map)
            }
            var additionalFields = TemplateObject()
            if case .object(let fields)? = listing["Metadata"] { additionalFields = fields }
            let description = additionalFields["Description"] ?? .string("")
            additionalFields["Description"] = nil
            // A `map[string]interface{}`: a key it lacks is no value, not an error.
            additionalFields.typedMapElement = .pointer
            // Its own MarshalJSON writes the additional fields beside the description.
            var dockerContext = goStruct(
                [("Description", description), ("AdditionalFields", .object(additionalFields))], type: "interface {}",
                json: listing["Metadata"])
            dockerContext.goMarshalsJSONItself = true
            // The docker endpoint is docker's `EndpointMeta`; another is kept as its JSON.
            let endpoints = goMap(listing["Endpoints"]) { name, endpoint in
                guard name == "docker", case .object(let fields) = endpoint else { return endpoint }
                let docker = [("Host", fields["Host"] ?? .string("")), ("SkipTLSVerify", fields["SkipTLSVerify"] ?? .bool(false))]
                return .object(goStruct(docker, type: "interface {}", json: endpoint))
            }
            let name = listing["Name"] ?? .string("")
            // JSON flattens the embedded struct, and leaves out endpoints where there are none.
            let metadataJSON =
                [("Name", name), ("Metadata", .object(dockerContext))] + (listing["Endpoints"] == nil ? [] : [("Endpoints", endpoints)])
            let metadata = goStruct(
                [("Name", name), ("Metadata", .object(dockerContext)), ("Endpoints", endpoints)], type: "store.Metadata",
                json: .object(TemplateObject(metadataJSON)))
            var storage = TemplateObject()
            if case .object(let fields)? = listing["Storage"] { storage = fields }
            let tlsMaterial = goMap(listing["TLSMaterial"])
            let storageInfo = TemplateValue.object(goStruct(storage.keys.map { ($0, storage[$0] ?? .null) }, type: "store.StorageInfo"))
            var value = goStruct(
                [("Metadata", .object(metadata)), ("TLSMaterial", tlsMaterial), ("Storage", storageInfo)],
                type: "context.contextWithTLSListing",
                json: .object(TemplateObject(metadataJSON + [("TLSMaterial", tlsMaterial), ("Storage", storageInfo)])))
            // The embedded struct's fields, promoted: reachable, not printed.
            value["Name"] = name
            value["Endpoints"] = endpoints
            return .object(value)
        }

        /// `fields` in Go's map order: sorted by key.
        private static func sorted(_ fields: [String: TemplateValue]) -> TemplateObject {
            TemplateObject(fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }
    }
}
