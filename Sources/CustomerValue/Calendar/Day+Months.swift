extension Day {
    /// The same day of the month `months` calendar months later (earlier when negative), moved
    /// back to the month's last day when the month is shorter: 1998-03-31 − 1 month = 1998-02-28.
    ///
    /// Used for windows counted in calendar months ("the last 12 months as of 1998-06-30" are the
    /// days after 1997-06-30), as a person reading a report counts them.
    public func adding(months: Int) -> Day {
        let (y, m, d) = civil
        let index = y * 12 + (m - 1) + months
        let year = index >= 0 ? index / 12 : (index - 11) / 12
        let month = index - year * 12 + 1
        return Day(year: year, month: month, day: min(d, Day.daysInMonth(year: year, month: month)))!
    }
}
