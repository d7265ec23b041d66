import Foundation
import Testing

@testable import Stevedore

@Suite struct RequestEncodingTests {
    @Test func percentEncodesEverythingButUnreserved() {
        #expect(percentEncode("abc-._~XYZ019") == "abc-._~XYZ019")
        #expect(percentEncode("a b/c?d#e&f=g") == "a%20b%2Fc%3Fd%23e%26f%3Dg")
        #expect(percentEncode("é") == "%C3%A9")
        #expect(percentEncode("busybox:latest") == "busybox%3Alatest")
        #expect(percentEncode("") == "")
        #expect(percentEncode("\u{0}\u{7F}%") == "%00%7F%25")
        // Every byte escaped: the result fills the three bytes a byte may take.
        #expect(percentEncode("ééé/ /é") == "%C3%A9%C3%A9%C3%A9%2F%20%2F%C3%A9")
    }

    @Test func queryKeepsOrderAndSkipsNil() {
        var query = QueryItems()
        query.add("all", true)
        query.add("limit", 5)
        query.add("since", String?.none)
        query.add("size", false)
        query.add("name", "a b")
        #expect(query.encoded == "?all=1&limit=5&size=0&name=a%20b")
        #expect(QueryItems().encoded == "")
    }

    @Test func filtersEncodeAsTheJSONObjectTheDaemonParses() throws {
        var filters: DockerFilters = ["type": ["container", "image"]]
        filters.add("label", "com.example=\"quoted\"")
        #expect(filters.json == #"{"label":{"com.example=\"quoted\"":true},"type":{"container":true,"image":true}}"#)
        let decoded = try JSONSerialization.jsonObject(with: Data(filters.json.utf8)) as? [String: [String: Bool]]
        #expect(decoded?["type"]?["image"] == true)
        var query = QueryItems()
        query.add("filters", filters)
        query.add("empty", DockerFilters())
        #expect(query.encoded.hasPrefix("?filters=%7B%22label%22"))
        #expect(!query.encoded.contains("empty"))
    }

    /// The daemon matches labels by their bytes: a value precomposed and one decomposed are two
    /// values, sent in byte order, as the docker CLI sends them.
    @Test func filterValuesAreKeptApartByTheirBytes() {
        let filters: DockerFilters = ["label": ["caf\u{E9}", "cafe\u{301}", "caf\u{E9}"]]
        #expect(filters.json == "{\"label\":{\"cafe\u{301}\":true,\"caf\u{E9}\":true}}")
        #expect(filters != ["label": ["caf\u{E9}"]])
    }

    @Test func filterArgumentsParseLikeTheCLI() throws {
        var filters = DockerFilters()
        try filters.add(parsing: "label=a=b")
        try filters.add(parsing: " Type = container\t")
        try filters.add(parsing: "")
        try filters.add(parsing: "=x")
        #expect(filters == ["label": ["a=b"], "type": ["container"], "": ["x"]])
        #expect(throws: DockerError.self) { try filters.add(parsing: "novalue") }
        #expect(throws: DockerError.self) { try filters.add(parsing: " ") }
    }

    @Test func eventTimesAcceptTheCLIForms() throws {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(try EventTime.parse("1700000000", now: now) == "1700000000")
        #expect(try EventTime.parse("1700000000.5", now: now) == "1700000000.5")
        #expect(try EventTime.parse("10m", now: now) == "1699999400")
        #expect(try EventTime.parse("1h30m", now: now) == "1699994600")
        #expect(try EventTime.parse("2023-11-14T22:13:20Z", now: now) == "1700000000.000000000")
        #expect(try EventTime.parse("2023-11-14T22:13:20.25Z", now: now) == "1700000000.250000000")
        #expect(throws: DockerError.self) { try EventTime.parse("yesterday", now: now) }
    }

    /// docker's `GetTimestamp`, form by form (the expected values are what it sends for each,
    /// with the local zone at UTC+2 where one is read).
    @Test(arguments: [
        // Durations back from now, whole seconds; a negative one goes forward.
        ("10m", "1699999400"), ("-1h", "1700003600"), ("0", "0"),
        // Zoned times, whole or cut after the hour or the minute, and dates.
        ("2023-11-14T22:13:20Z", "1700000000.000000000"), ("2023-11-14T22:13:20.123456789123+01:00", "1699996400.123456789"),
        ("2023-11-14T22Z", "1699999200.000000000"), ("2023-11-14T22:13+01:00", "1699996380.000000000"),
        ("2023-11-14Z", "1699920000.000000000"), ("2023-11-14-01:00", "1699923600.000000000"),
        // In the local zone (UTC+2 here): whole, cut, with a fraction, a date alone, a 1-digit hour.
        ("2023-11-14T22:13:20", "1699992800.000000000"), ("2023-11-14T22", "1699992000.000000000"),
        ("2023-11-14T22:13", "1699992780.000000000"), ("2023-11-14T22:13:20.5", "1699992800.500000000"),
        ("2023-11-14", "1699912800.000000000"), ("2023-11-14T9:05", "1699945500.000000000"),
        ("1969-12-31T23:59:58.5Z", "-2.500000000"),
        // Unix timestamps pass as given.
        ("1700000000", "1700000000"), ("1700000000.5", "1700000000.5"), ("+17", "+17"),
    ])
    func timesAreReadAsDockersGetTimestampReadsThem(value: String, expected: String) throws {
        #expect(try EventTime.parse(value, now: Date(timeIntervalSince1970: 1_700_000_000), localOffset: 7200) == expected)
    }

    @Test(arguments: [
        "yesterday", "2023-13-01", "2023-02-29", "2023-11-14T24:00", "2023-11-14T22:60", "2023-11-14T22:13:20+0100",
        "2023-11-14T22:13:20Z ", " 10m", "-5", "1e9", "2023-11-14T22:13:20.Z", "2023-11-14T22:13:20+25:00", "1.2.3", "",
    ])
    func valuesGetTimestampRefusesAreRefused(value: String) {
        #expect(throws: DockerError.self) { try EventTime.parse(value, now: Date(timeIntervalSince1970: 1_700_000_000), localOffset: 0) }
    }

    /// What docker's client says of each (docker CLI 28.2 wrote these): Go's `time.Parse`
    /// error for what has a `-`, its own words for anything else.
    @Test(arguments: [
        ("bogus", #"failed to parse value as time or duration: "bogus""#),
        ("1.2.3", #"failed to parse value as time or duration: "1.2.3""#),
        (#"a"b"#, #"failed to parse value as time or duration: "a\"b""#),
        ("2026-13-01", #"parsing time "2026-13-01": month out of range"#),
        ("2023-02-29", #"parsing time "2023-02-29": day out of range"#),
        ("2023-11-14T24:00", #"parsing time "2023-11-14T24:00": hour out of range"#),
        ("2023-11-14T22:60", #"parsing time "2023-11-14T22:60": minute out of range"#),
        ("2023-11-14T22:13:61", #"parsing time "2023-11-14T22:13:61": second out of range"#),
        ("2023-11-14T22:13:20+25:00", #"parsing time "2023-11-14T22:13:20+25:00": time zone offset hour out of range"#),
        ("2023-11-14T22:13:20+01:61", #"parsing time "2023-11-14T22:13:20+01:61": time zone offset minute out of range"#),
        ("2023-11-14T22:13:20Z ", #"parsing time "2023-11-14T22:13:20Z ": extra text: " ""#),
        ("2023-11-14T1x", #"parsing time "2023-11-14T1x": extra text: "x""#),
        ("2023-11-14T22:13:20*01:00", #"parsing time "2023-11-14T22:13:20*01:00": extra text: "*01:00""#),
        ("-5", #"parsing time "-5" as "2006-01-02": cannot parse "-5" as "2006""#),
        ("2x23-11-14", #"parsing time "2x23-11-14" as "2006-01-02": cannot parse "2x23-11-14" as "2006""#),
        ("2023-1-14", #"parsing time "2023-1-14" as "2006-01-02": cannot parse "1-14" as "01""#),
        ("é-1", #"parsing time "\xc3\xa9-1" as "2006-01-02": cannot parse "\xc3\xa9-1" as "2006""#),
        (
            "2023-11-14T22:13:20+0100",
            #"parsing time "2023-11-14T22:13:20+0100" as "2006-01-02T15:04Z07:00": cannot parse ":20+0100" as "Z07:00""#
        ),
        (
            "2023-11-14T22:13:20.Z",
            #"parsing time "2023-11-14T22:13:20.Z" as "2006-01-02T15:04:05.999999999Z07:00": cannot parse ".Z" as "Z07:00""#
        ),
    ])
    func refusalsAreWordedAsDockersClientWordsThem(value: String, message: String) {
        #expect {
            try EventTime.timestamp(value, now: Date(timeIntervalSince1970: 1_700_000_000), localOffset: 0)
        } throws: { error in
            (error as? EventTime.Refusal)?.goMessage == message
        }
    }

    @Test func timestampsKeepNanoseconds() {
        #expect(SystemEventsOptions.timestamp(unixNanoseconds: 1_700_000_000_000_000_007) == "1700000000.000000007")
        #expect(SystemEventsOptions.timestamp(unixNanoseconds: -123_456_789) == "0.000000000")
    }

    @Test func timestampsAfter2262AndAbsurdDatesDoNotOverflow() throws {
        // 2300-01-01: more nanoseconds than 64 bits hold, fine as seconds.
        #expect(try EventTime.parse("2300-01-01") == "10413792000.000000000")
        #expect(SystemEventsOptions.timestamp(Date(timeIntervalSince1970: 1e300)) == "9223372036854775807.000000000")
        #expect(SystemEventsOptions.timestamp(Date(timeIntervalSince1970: .infinity)) == "9223372036854775807.000000000")
        #expect(SystemEventsOptions.timestamp(Date(timeIntervalSince1970: -1e300)) == "0.000000000")
        #expect(SystemEventsOptions.timestamp(Date(timeIntervalSince1970: 1.9999999999)) == "2.000000000")
    }
}

/// From API 1.44 the daemon reads a container's MAC address on its endpoint only.
@Suite struct MACAddressAdaptationTests {
    @Test func theContainerWideAddressMovesToTheEndpointOfItsNetwork() throws {
        var body = ContainerCreateBody(image: "busybox", hostConfig: HostConfig(networkMode: "frontend"))
        try DockerClient.Containers.moveMACAddress("92:d0:c6:0a:29:33", toEndpointOf: &body)
        #expect(body.networkingConfig?.endpointsConfig?["frontend"]?.macAddress == "92:d0:c6:0a:29:33")
        var unset = ContainerCreateBody(image: "busybox")
        try DockerClient.Containers.moveMACAddress("92:d0:c6:0a:29:33", toEndpointOf: &unset)
        #expect(unset.networkingConfig?.endpointsConfig?["default"]?.macAddress == "92:d0:c6:0a:29:33")
    }

    @Test func aDifferentEndpointAddressIsAConflict() {
        var body = ContainerCreateBody(image: "busybox", hostConfig: HostConfig(networkMode: "frontend"))
        body.networkingConfig = NetworkingConfig(endpointsConfig: ["frontend": EndpointSettings(macAddress: "02:42:ac:11:00:02")])
        #expect(throws: DockerError.self) { try DockerClient.Containers.moveMACAddress("92:d0:c6:0a:29:33", toEndpointOf: &body) }
    }
}
