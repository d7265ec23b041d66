import Foundation
import StevedoreTestSupport

// The fuzz targets: the stream parsers (demultiplexer, websocket frames, hijack upgrade) and
// the parsers of user input and files (ParserFuzzTargets).
//
// Built with libFuzzer (scripts/fuzz: `-sanitize=fuzzer` and `-D STEVEDORE_LIBFUZZER`), it
// hands each input to ``FuzzTargets/run(_:)``. Built normally, it runs a bounded
// number of seeded random inputs through the same targets: `swift run StevedoreFuzz [runs [seed]]`.
#if STEVEDORE_LIBFUZZER
    // The entry point libFuzzer's runtime requires (its `main` object refers to it).
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        FuzzTargets.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
        return 0
    }

    // This file is the program's `main` (SwiftPM's entry point takes precedence over libFuzzer's),
    // so it starts libFuzzer's driver itself.
    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(runFuzzerDriver(&argc, &argv) { fuzzOneInput($0, $1) })
#else
    // `StevedoreFuzz replay CORPUS`: every input of CORPUS/<target>/ through that target (the
    // committed corpus, which `swift test` replays); `StevedoreFuzz [RUNS [SEED]]`: that many
    // random inputs through the targets the first byte picks, drawn from SEED (a new one when
    // none is given, printed first so that a failure can be run again).
    let arguments = Array(CommandLine.arguments.dropFirst())
    if arguments.first == "replay", arguments.count == 2 {
        let corpus = URL(fileURLWithPath: arguments[1])
        var count = 0
        for target in FuzzTargets.all {
            let directory = corpus.appendingPathComponent(target.name)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            guard !files.isEmpty else { fatalError("no corpus for the target \(target.name) in \(directory.path)") }
            for file in files.sorted() {
                guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(file).path) else {
                    fatalError("cannot read \(file) of \(target.name)")
                }
                target.run(Array(data))
                count += 1
            }
        }
        print("StevedoreFuzz: \(count) corpus inputs of \(FuzzTargets.all.count) targets, no failure")
    } else {
        let runs = arguments.first.flatMap(Int.init) ?? 10_000
        let seed = arguments.dropFirst().first.flatMap { UInt64($0) } ?? UInt64.random(in: .min ... .max)
        // On stderr, unbuffered: a failing input ends the process before stdout is flushed.
        FileHandle.standardError.write(Data("StevedoreFuzz: seed \(seed); again: StevedoreFuzz \(runs) \(seed)\n".utf8))
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<runs {
            let count = Int.random(in: 0...512, using: &generator)
            var input = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            // Often a plausible frame start, so that the stream targets get past their first checks.
            if count > 2, Bool.random(using: &generator) { input[1] = UInt8.random(in: 0...3, using: &generator) }
            FuzzTargets.run(input)
        }
        print("StevedoreFuzz: \(runs) random inputs, no failure")
    }
#endif
