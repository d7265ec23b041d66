/// A value that stands for one of docker's formatter contexts (a list row):
/// ``TemplateValue/init(encoding:)`` makes it an object whose
/// ``TemplateObject/formatterContextType`` is ``formatterContextType``, wherever it is encoded
/// (the rows inside `system df -v`'s value too).
public protocol FormatterContext: Encodable {
    /// The context's Go type, as template errors name it (`*formatter.ContainerContext`).
    static var formatterContextType: String { get }
}
