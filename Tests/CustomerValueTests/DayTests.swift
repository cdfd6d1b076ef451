import Testing

@testable import CustomerValue

@Suite struct DayTests {
    @Test(arguments: [
        (1970, 1, 1, 0), (1997, 9, 30, 10_134), (2000, 2, 29, 11_016), (1969, 12, 31, -1), (2024, 12, 31, 20_088),
    ])
    func daysSinceEpoch(year: Int, month: Int, day: Int, number: Int) throws {
        let d = try #require(Day(year: year, month: month, day: day))
        #expect(d.number == number)
        #expect(d.civil == (year, month, day))
    }

    @Test(arguments: [(2023, 2, 29), (2023, 13, 1), (2023, 4, 31), (1900, 2, 29), (2023, 0, 10), (2023, 1, 0)])
    func rejectsImpossibleDates(year: Int, month: Int, day: Int) {
        #expect(Day(year: year, month: month, day: day) == nil)
    }

    @Test func roundTripsEveryDayOfFourCenturies() {
        var day = Day(year: 1800, month: 1, day: 1)!
        while day.number < Day(year: 2200, month: 1, day: 1)!.number {
            let (y, m, d) = day.civil
            #expect(Day(year: y, month: m, day: d) == day)
            day = day + 1
        }
    }

    @Test func isoText() {
        #expect(Day(iso: "1997-09-30")?.description == "1997-09-30")
        #expect(Day(iso: "1997-9-30") == nil)
        #expect(Day(iso: "19970930") == nil)
    }
}
