/// A streamed request body that could not be sent whole because of the body itself: its
/// producer threw `error`, or it did not match its declared length. Tells such a failure apart
/// from the connection's, for which an answer the daemon already gave still counts.
struct RequestBodyFailure: Error {
    /// The producer's error, or the ``HTTPTransportError/Code/io`` that describes the mismatch.
    let error: any Error
}
