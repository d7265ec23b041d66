// Go's quoting lives in StevedoreText, beside the other text helpers, so that the library's
// error messages quote values as docker's do; formatting's users keep reaching it from here.
@_exported import enum StevedoreText.GoQuote
