import CVMReport
import CVMStore
import CustomerValue
import Foundation

extension RunReport {
    /// The survey answers the report shows: those dated up to the run's as-of date, all on one
    /// scale (the latest wave's when the waves use several), and a note saying which.
    func surveyForReport() async throws -> (answers: [SurveyAnswer], scale: SurveyScale, note: String)? {
        let stored = try await workspace.run { try await store.surveyAnswers() }.filter { $0.day <= asOf }
        guard let latest = stored.max(by: { ($0.day, $0.wave) < ($1.day, $1.wave) }) else { return nil }
        var answers = stored
        var waveNote = ""
        if Set(stored.map(\.scale)).count > 1 {
            answers = stored.filter { $0.wave == latest.wave }
            waveNote = say(.reportSurveyWave, latest.wave.isEmpty ? "\"\"" : latest.wave)
        }
        let responses = Set(answers.map { $0.wave + "\u{1F}" + $0.response }).count
        return (answers, latest.scale, say(.reportSurveyComputed, responses, asOf, waveNote))
    }

    /// Satisfaction gaps, NPS, the importance–performance quadrants, the competitor comparison,
    /// the customer value map and the journey stages, when the database holds survey answers
    /// dated up to the run's as-of date.
    func customerViewSections() async throws -> [Report.Section] {
        guard let survey = try await surveyForReport() else { return [] }
        let (answers, scale, computed) = survey
        var sections: [Report.Section] = []
        let satisfaction = SatisfactionAnalysis(answers, scale: scale)
        let n = { (value: Double?) in value.map { Number.readable($0) } ?? "–" }
        if !satisfaction.attributes.isEmpty {
            let gaps = satisfaction.attributes.allSatisfy { $0.gap != nil }
            let names = satisfaction.attributes.map(\.attribute)
            let chart = BarChart(
                title: gaps ? say(.reportGapChart) : say(.reportPerformanceChart), xTitle: "",
                yTitle: gaps ? say(.reportGap) : say(.reportPerformance), categories: names,
                series: [
                    (
                        gaps ? say(.reportGap) : say(.reportPerformance),
                        satisfaction.attributes.map { gaps ? $0.gap ?? 0 : $0.performance }
                    )
                ])
            let table = Report.Table(
                headers: [
                    say(.valueMapAttribute), say(.reportJourneyStage), say(.reportAnswers), say(.reportImportance),
                    say(.reportExpected), say(.reportPerformance), say(.reportGap), say(.reportZone),
                ],
                rows: satisfaction.attributes.map { a in
                    [
                        a.attribute, a.stage?.name(in: language) ?? "–", String(a.answers), n(a.importance),
                        n(a.expectation), n(a.performance), n(a.gap), a.zone?.name(in: language) ?? "–",
                    ]
                }, numeric: [2, 3, 4, 5, 6])
            var weakest = satisfaction.weakestAttribute ?? say(.reportNoWeakest)
            if let stage = satisfaction.weakestStage { weakest += language.listSeparator + stage.name(in: language) }
            let intro = say(
                .reportSatisfactionIntro, scale, n(satisfaction.index),
                satisfaction.statedWeights ? say(.reportIndexStated) : say(.reportIndexEqual),
                n(satisfaction.weightedGap), n(satisfaction.worstEpisodeGap), weakest)
            sections.append(
                Report.Section(
                    id: "satisfaction", title: say(.reportSatisfactionTitle), intro: intro + " " + computed,
                    charts: [(chart.svg(), chart.title)], tables: [table]))
        }
        if let nps = satisfaction.nps {
            let counts = [nps.promoters, nps.passives, nps.detractors]
            let labels = [say(.reportPromoters), say(.reportPassives), say(.reportDetractors)]
            let total = Double(max(nps.respondents, 1))
            let chart = BarChart(
                title: say(.reportNPSTitle), xTitle: "", yTitle: t(.share), categories: labels,
                series: [(t(.share), counts.map { Double($0) / total })], percentValues: true)
            let table = Report.Table(
                headers: ["", say(.reportAnswers), t(.share)],
                rows: zip(labels, counts).map { [$0, String($1), Number.percent(Double($1) / total)] },
                numeric: [1, 2])
            let intro = say(
                .reportNPSIntro, Number.readable(nps.score, digits: 1),
                Number.readable(nps.interval.lowerBound, digits: 1),
                Number.readable(nps.interval.upperBound, digits: 1), nps.respondents)
            sections.append(
                Report.Section(
                    id: "nps", title: say(.reportNPSTitle), intro: intro + " " + computed,
                    charts: [(chart.svg(), say(.reportNPSTitle))], tables: [table]))
        }
        if let ipa = ImportancePerformance(answers, importance: .stated)
            ?? ImportancePerformance(answers, importance: .derived)
        {
            let importance = ipa.importance == .stated ? say(.reportIPAStated) : say(.reportIPADerived)
            let chart = PointMap(
                title: say(.reportIPATitle), xTitle: say(.reportPerformance), yTitle: say(.reportImportance),
                points: ipa.attributes.map { .init(label: $0.attribute, x: $0.performance, y: $0.importance) },
                crosshairs: (ipa.performanceCrosshair, ipa.importanceCrosshair),
                corners: [
                    ImportancePerformance.Quadrant.concentrateHere, .keepUpTheGoodWork, .lowPriority, .possibleOverkill,
                ].map { $0.name(in: language) })
            let table = Report.Table(
                headers: [
                    say(.valueMapAttribute), say(.reportImportance), say(.reportPerformance), say(.reportQuadrant),
                ],
                rows: ipa.attributes.map {
                    [
                        $0.attribute, Number.readable($0.importance, digits: 3), Number.readable($0.performance),
                        $0.quadrant.name(in: language),
                    ]
                }, numeric: [1, 2])
            sections.append(
                Report.Section(
                    id: "ipa", title: say(.reportIPATitle), intro: say(.reportIPAIntro, importance) + " " + computed,
                    charts: [(chart.svg(), say(.reportIPATitle))], tables: [table]))
        }
        if answers.contains(where: { $0.competitor != nil && $0.competitorPerformance != nil }) {
            var weights: [String: Double] = [:]
            for a in satisfaction.attributes { weights[a.attribute] = a.importance }
            let comparisons = CompetitorComparison.all(answers, weights: weights)
            if !comparisons.isEmpty {
                let rows = comparisons.flatMap { c in
                    c.attributes.map { a in
                        [
                            c.competitor, a.attribute, String(a.answers), Number.readable(a.firm),
                            Number.readable(a.competitor), Number.readable(a.gap),
                            Number.readable(a.interval.lowerBound) + " … " + Number.readable(a.interval.upperBound),
                        ]
                    }
                }
                let values = comparisons.map { c in
                    c.competitor + " " + (c.relativeValue.map { Number.readable($0, digits: 3) } ?? "–")
                }
                sections.append(
                    Report.Section(
                        id: "competitors", title: say(.reportCompetitorsTitle),
                        intro: say(.reportCompetitorsIntro, values.joined(separator: language.listSeparator)) + " "
                            + computed,
                        tables: [
                            Report.Table(
                                headers: [
                                    say(.valueMapProvider), say(.valueMapAttribute), say(.reportAnswers),
                                    say(.valueMapFirm), say(.reportCompetitor), say(.reportCompetitorGap),
                                    say(.reportInterval),
                                ], rows: rows, numeric: [2, 3, 4, 5])
                        ]))
            }
            sections.append(valueMapSection(answers, scale: scale, computed: computed))
        }
        if !satisfaction.stages.isEmpty {
            let stages = satisfaction.stages
            let gaps = stages.allSatisfy { $0.gap != nil }
            let chart = BarChart(
                title: say(.reportJourneyTitle), xTitle: "", yTitle: gaps ? say(.reportGap) : say(.reportPerformance),
                categories: stages.map { $0.stage.name(in: language) },
                series: [
                    (
                        gaps ? say(.reportGap) : say(.reportPerformance),
                        stages.map { gaps ? $0.gap ?? 0 : $0.performance }
                    )
                ])
            let table = Report.Table(
                headers: [say(.reportJourneyStage), say(.reportAnswers), say(.reportPerformance), say(.reportGap)],
                rows: stages.map { [$0.stage.name(in: language), String($0.answers), n($0.performance), n($0.gap)] },
                numeric: [1, 2, 3])
            let bottleneck = satisfaction.weakestStage?.name(in: language) ?? say(.reportNoWeakest)
            sections.append(
                Report.Section(
                    id: "journey", title: say(.reportJourneyTitle),
                    intro: say(.reportJourneyIntro, bottleneck) + " " + computed,
                    charts: [(chart.svg(), say(.reportJourneyTitle))], tables: [table]))
        }
        return sections
    }

    /// The customer value map with its fair-value line, or the reason it cannot be drawn.
    func valueMapSection(_ answers: [SurveyAnswer], scale: SurveyScale, computed: String) -> Report.Section {
        let result: ValueMapResult
        do {
            result = try Workspace.valueMap(
                answers, scale: scale, request: ValueMapRequest(), defaults: workspace.defaults)
        } catch {
            return Report.Section(
                id: "value-map", title: say(.reportValueMapTitle),
                notes: [AppError.from(error).message(in: language)])
        }
        let map = result.map
        let chart = PointMap(
            title: say(.reportValueMapTitle), xTitle: say(.valueMapRelativeQuality),
            yTitle: say(.valueMapRelativePrice),
            points: map.providers.enumerated().map { i, p in
                .init(label: ValueMapResult.name(p, in: language), x: p.relativeQuality, y: p.relativePrice, colour: i)
            },
            crosshairs: (1, 1), line: .init(name: say(.valueMapFairLine), through: (1, 1), slope: map.slope),
            corners: [say(.valueMapWorse), "", "", say(.valueMapBetter)])
        let table = Report.Table(
            headers: [
                say(.valueMapProvider), say(.valueMapRelativeQuality), say(.valueMapRelativePrice),
                say(.valueMapFairPrice), say(.valueMapValue), say(.valueMapPosition),
            ],
            rows: map.providers.map { p in
                [
                    ValueMapResult.name(p, in: language), Number.readable(p.relativeQuality, digits: 3),
                    Number.readable(p.relativePrice, digits: 3), Number.readable(p.fairPrice, digits: 3),
                    Number.readable(p.value, digits: 3), ValueMapPosition(p.value).name(in: language),
                ]
            }, numeric: [1, 2, 3, 4])
        let prices = map.attributes.filter(\.isPrice).map(\.attribute).joined(separator: language.listSeparator)
        return Report.Section(
            id: "value-map", title: say(.reportValueMapTitle),
            intro: say(
                .reportValueMapIntro, result.weightsText(language), Number.readable(map.slope, digits: 3),
                result.slopeText(language)) + " "
                + computed,
            charts: [(chart.svg(), say(.reportValueMapTitle))], tables: [table],
            notes: [say(.valueMapPriceNote, prices)])
    }
}
