import CustomerValue

/// Every text the application layer and its interfaces show, in English and Chinese.
///
/// One key per text, `{1}`, `{2}`, … where the values go. Call a key with a language and the
/// values: `Text.importDone(.zh, noun, file, counts, seconds)`; `en(…)` is the English text
/// (what `AppError.message` holds). Keep every string in this one file, so a translator reads
/// them side by side and a missing translation fails to compile (the `switch` is exhaustive).
public enum Text: String, CaseIterable, Sendable {
    // Output files.
    case outputPathEmpty, outputFolderMissing, outputIsDatabase, outputIsInput, outputIsFolder, outputOtherKind
    case outputNotWritable, wroteRows
    // Database.
    case databaseReady, needsDatabase, initAdminToken
    // Import.
    case importKindCustomers, importKindTransactions, importKindMarketing, importKindPayments, importKindInteractions
    case importKindComplaints, importKindSurveys
    case importIgnoredColumns, importRejectsWritten, importNewCustomer, importNewCustomers, importNewBareCustomer
    case importNewBareCustomers, importNothingNew, importDone, importCounts, importCountsUpdated, importing,
        importProgress
    // A copy of the whole database.
    case copyProgress, copyExported, copyCopied, copyTable, copyRows
    // Units.
    // Models: requests.
    case unknownModel, noModel, penalizerRange, notAvailable, notAPurchaseModel, notValidatable, bgbbNeedsPeriods
    case bgbbNeedsFile, bgbbNeedsPeriodsColumn, spendNeedsMonetary, sbgNeedsSurvivors, sbgSurvivorsShape
    case horizonPositive, discountRange, marginRange, clvWholePeriods, fitUnitMismatch, fitUnreadable, fitNotAFit
    case notAFitOf, paramsMalformed, paramsMissing, holdoutEmpty
    // Models: results.
    case predictNotFitted, spendNotFitted, fitDidNotConverge, spendCorrelated, spendSkipped, sbgProjection
    case sourceDatabase, sourceFile, sourceHoldout, sourceOpportunities
    case fitHeading, fitConverged, fitNotConverged, fitNotFitted, fitParameter, fitEstimate, fitStandardError
    case fitFigures, fitRanking, fitRank, fitModel, fitLogLikelihood, fitConvergedColumn, yes, no, notApplicable
    case predictData, predictModel, predictSpend, predictMeans, predictCLV, predictTopCLV, predictTopPurchases
    case predictStored, warning, predictCustomerID, predictPAlive, predictExpectedPurchases, predictExpectedSpend
    case predictCLVColumn, ratesPer
    case validateHeading, validateBuckets, validateTotals, validateTracking, validateRanking, validateCalibrationColumn
    case validateCustomers, validateActual, validatePredicted, validateActualCumulative, validateExpectedCumulative
    case validateMeanAbsoluteError, validateCorrelation
    // Segments.
    case segmentsSegment, segmentsCustomers, segmentsShare, segmentsRevenue, segmentsValueShare, segmentsMeanPurchases
    case segmentsStrategy, segmentsCustomerID, segmentsRecencyDays, segmentsPurchases, segmentsRFM
    case strategyUnreadable, strategyUnknownGroup, strategyNotATable, strategyNotAString, strategyUnknownKey
    case strategyUnknownSegment, tomlSyntax
    // Generate.
    case generateCustomers, generatePositive, generateDates, generateWrote, generateTruth, generating, generateProgress
    // Targets.
    case targetsRuleCare, targetsRuleWinback, targetsRuleUpsell, targetsUnknownAlive, targetsReasonCare
    case targetsReasonLapsed, targetsReasonFading, targetsReasonDevelop, targetsReasonLoyalist, targetsAliveMBGNBD
    case targetsAliveBGNBD, targetsNoAlive, targetsNoGroups, targetsHeading, targetsTotal, targetsAliveLine
    case moreRows, wroteTargets, repeatBuyersNote, periodFromTo
    // Report.
    case runsNone, runsShowHeading, runsAliveNote, runsMarginNote, runsWrote, runsCompareHeading, runsFigure
    case runsChange, runsInBoth, runsRowsColumns, runsFromTo, runsTotal, runsDeleted
    case reportWroteRun, reportWroteNewRun, reportNotComputed, reportStepSkipped, reportMarginNote, reportRunDescribed
    case reportAliveAssumption, reportCLVSettings, reportTimeUnit, reportCurrentWindow, reportElasticityComputed
    case reportNoMarketing, reportCreditMonth, reportHoldoutComputed, reportNoCheckCalibration, reportNoCheckHoldout
    case reportNoCheckFit, reportRunNumber, reportLifecycleIntro, reportWarningsIntro, reportMigrationIntro
    case reportCohortsIntro, reportComplaintsTitle, reportComplaintsIntro
    // Demo.
    case demoImported, demoImportedSynthetic, demoImportedSurvey, demoCustomerView, demoSample, demoResults,
        demoOpenReport, demoNext
    // Surveys.
    case surveyWaveText, surveyNoCustomers, surveyWrote, noSurveys, surveyUnknownWave, surveyNoRun
    // Customer value map.
    case valueMapFirm, valueMapBetter, valueMapFair, valueMapWorse, valueMapNote, valueMapBadSlope
    case valueMapNoCompetitor, valueMapNoPrice, valueMapNoQuality, valueMapHeading, valueMapWeightsStated
    case valueMapWeightsDerived, valueMapWeightsEqual, valueMapSlopeFitted, valueMapSlopeGiven
    case valueMapSlopeDiagonal, valueMapProvider, valueMapRelativeQuality, valueMapRelativePrice
    case valueMapFairPrice, valueMapValue, valueMapPosition, valueMapPriceNote, valueMapAttribute, valueMapKind
    case valueMapWeight, valueMapQuality, valueMapPrice, valueMapFairLine, valueMapGroup, valueMapGroupNone
    // Report: the customer's view.
    case reportSurveyComputed, reportSurveyWave, reportSatisfactionTitle, reportSatisfactionIntro, reportIndexStated
    case reportIndexEqual, reportImportance, reportExpected, reportPerformance, reportGap, reportZone,
        reportJourneyStage
    case reportScoreTitle, reportScoreIntro, reportScoreDistribution, reportScoreAxis, reportScoreWeightHeaders
    case reportScoreTopHeaders
    case reportGapChart, reportPerformanceChart, reportNPSTitle, reportNPSIntro, reportPromoters, reportPassives
    case reportDetractors, reportAnswers, reportIPATitle, reportIPAIntro, reportIPAStated, reportIPADerived
    case reportQuadrant, reportValueMapTitle, reportValueMapIntro, reportNoWeakest, reportCompetitorsTitle
    case reportCompetitorsIntro, reportCompetitor, reportCompetitorGap, reportInterval, reportJourneyTitle
    case reportJourneyIntro
    // Wave-to-wave change.
    case waveChangeTooFew, waveChangeSame, waveChangeNote, waveChangeHeading, waveChangeScales, waveChangeMeasure
    case waveChangeFrom, waveChangeTo, waveChangeChange, waveChangeSignificant, waveChangeSatisfaction
    case waveChangeNPS, waveChangePerformance, waveChangeGap
    // Satisfaction and the purchases that followed.
    case retentionEffect, retentionAdjusted, retentionNote, retentionBadHorizon, retentionNoTransactions
    case retentionTooFew, retentionHeading, retentionSatisfaction, retentionRespondents, retentionRetained
    case retentionShare, retentionPurchases, retentionSpend
    // Attitude clusters.
    case attitudesNote, attitudesBadK, attitudesTooFew, attitudesHeading, attitudesCluster, attitudesSize
    case attitudesDistinctive, attitudesSatisfaction, attitudesCustomers, attitudesRevenue, attitudesImportance
    case attitudesExpectation
    // Lifecycle.
    case lifecycleFactPurchaseDays, lifecycleFactTenure, lifecycleFactGap, lifecycleFactRhythm, lifecycleOwn
    case lifecycleBase, lifecycleAssumed, lifecycleFactWindow, lifecycleFactRecentValue, lifecycleFactEarlierValue,
        lifecycleFactPAlive
    case lifecycleFactComplaint, lifecyclePattern, lifecycleHeading, lifecycleStage, lifecycleCustomers
    case lifecycleShare, lifecycleRevenue, lifecycleCLV, lifecyclePAliveFrom, lifecycleNoPAlive
    case lifecyclePatternsHeading, lifecycleMeanMonths, lifecycleExplainHeading, lifecycleRule
    case lifecycleUnknownCustomer, clvFromRun, clvComputed, clvNone
    // Warnings.
    case warningsValueAtRisk, warningsPChurn, warningsReasons, warningsHeading, warningsNone, warningsShown
    // Lifecycle facts.
    case lifecycleFact, lifecycleValue
    // Care tasks.
    case tasksUnknown, tasksUnknownLossReason, tasksLossReasonNotLost, tasksLostNeedsReason, tasksWonByNotWon
    case tasksBeforeOpened, tasksHeading, tasksNone, tasksID, tasksCustomer, tasksStatus, tasksReason, tasksOwner
    case tasksOpened, tasksClosed, tasksNote, tasksLossReason, tasksWonBy, tasksUpdatedBy, tasksUpdated
    case tasksValueAtRisk, tasksSummaryHeading, tasksLossHeading, tasksWinBackRate, tasksWinBackNone, tasksWorked
    case tasksUpdatedLine, tasksDue, tasksLostBySegment, tasksLostByTier
    // Scheduled care.
    case careBirthday, careAnniversary, careAfterPurchase, careAfterComplaint, careHeading, careCounts, careNone
    case careOccasion, careScheduleRange, analyzeCare, analyzeCareDetail
    // Customer view: lifecycle, warning and tasks.
    case customerLifecycleTitle, customerFromRun, customerComputedNow, customerRunStage, customerWarning
    case customerValueAtRisk, customerNoWarning, customerTasksTitle, customerActiveTasks, customerPAlive
    // Acquisition against retention cost.
    case acquisitionNoTransactions, acquisitionNoSpend, acquisitionMarginRange, acquisitionHeading
    case acquisitionCohort, acquisitionChannel, acquisitionCustomers, acquisitionSpend, acquisitionCost
    case acquisitionMeanCLV, acquisitionCLVToCost, acquisitionPayback, acquisitionAll, acquisitionNoChannel
    case acquisitionTotals, acquisitionRetention, acquisitionRatio, acquisitionNoRatio, acquisitionNotes
    case acquisitionCLVRun, acquisitionNoCLV
    // Service recovery.
    case recoveryHeading, recoveryBand, recoveryUpTo, recoveryLater, recoveryUnresolved, recoveryCustomers
    case recoveryRetained, recoveryRetention, recoveryBaseline, recoveryDifference, recoveryMeanCLV
    case recoveryBaselineCLV, recoveryNote, recoveryNoComplaints, recoveryWindowRange, recoveryPoints
    // CLV source.
    case clvThisRun
    // Cohorts.
    case cohortsCohort, cohortsHeading, cohortsRetention, cohortsRevenue, cohortsActive
    // Analysis: skipped steps.
    case skipModelNotConverged, skipNoRetention, skipNoRetentionNoModel, skipNoPayments
    case skipNoCreditMonth, skipHistoryMismatch, skipNeedsLifecycle, skipNeedsWarnings
    // Analyze overview.
    case analyzeHeading, analyzeCustomers, analyzeRevenue, analyzeRepeatRate, analyzeRepeatDetail, analyzeTotalCLV
    case analyzeCLVDetail, analyzeMeanPAlive, analyzeMeanPAliveDetail, analyzeGroups, analyzeSegments, analyzeTiers
    case analyzeCredit, analyzeCreditMonth, analyzeProfit, analyzeProfitDetail, analyzeStages, analyzeStagesDetail
    case analyzePatterns, analyzeWarnings, analyzeWarningsDetail, analyzeTasks, analyzeTasksDetail, analyzeSkipped
    case analyzeNext
    // Profit basis.
    case profitMarginOneEverywhere, profitMarginOneOnSome, profitFromMargin, profitFromCosts, profitDefinition
    case profitNoCostColumn, profitCostRecorded, profitServiceCostsMissing
    // Labels before a text.
    case labelled, labelNote, labelProfit, labelCaveat, comma
    // Measures, as a sentence names them and as a column title.
    case measureRevenue, measureProfit, measureMargin, measureRevenueTitle, measureMarginTitle
    // Value matrix.
    case valueDataLine, valueCurrentLine, valueHorizon, valuePotentialByModel, valuePotentialByPresentValue
    case valueRetention, valueThresholds, valueThresholdRule, valueAxisCurrent, valueAxisPotential, valueAxisBoth
    case valueMatrixHeaders, valueWhy, valueCubeTitle, valueCubeHeaders
    // Concentration and tiers.
    case paretoHeaders, paretoTotal, paretoGini, paretoMaking80, paretoTop20Share, paretoCurveHeaders
    case tiersHeaders, tiersCustomerHeaders, tiersKeyAccounts, tiersLargeUnprofitable
    // Scores and weights.
    case scoresTitle, scoresWeights, scoresWeightHeaders, scoresRankHeaders, scoresExplainTitle, scoresExplainHeaders
    case wroteCustomers, weightsEntropyTitle, weightsEntropyHeaders, weightsAHPTitle, weightsAHPHeaders
    case weightsAHPConsistency
    // Credit.
    case creditTitle, creditByMonth, creditByQuarter, creditByHalf, creditBuiltInRules, creditCountOne, creditCount
    case creditHeaders, cliCreditMore
    // Elasticity.
    case elasticityTitle, elasticityRFMGroups, elasticityMarketingGroups, elasticityOverall, elasticityHeaders
    case elasticityBudget, elasticityCustomersTitle, elasticityCustomerHeaders, elasticityCaveats
    case elasticityAverageReturn
    // Command-line advice: the application's own messages name no command or option; the CLI adds these.
    case cliAddForce, cliOptions, cliNameColumn, cliNameIgnoredColumn, cliImportFirst, cliAnalyzeFirst, cliInit
    case cliOtherDatabase, cliUpgrade, cliUnreadableFile, sentenceEnd, sentenceThen
    // Spark.
    case sparkNoInput, sparkMissingInput, sparkCalibrationAfterEnd, sparkJobMissing, sparkFailed, sparkSubmitMissing
    case sparkNotInstalled, sparkNoCustomers, sparkSkipped
    // Summary.
    case summaryHeadline, summaryHoldout
    // Complaints, the customer view and owners (read through `RelationshipTexts`).
    case relComplaintsTitle, relComplaintHeaders, relByCategory, relByCustomer, relOverall, relNoCategory, relNoOwner
    case relWithinTargetNote, relCustomerTitle, relProfile, relMonthsTitle, relMonthHeaders, relSummaryTitle
    case relSummaryHeaders, relPredictionsTitle, relHorizon, relNoPredictions, relInteractionsTitle
    case relInteractionHeaders, relComplaintsOfCustomer, relCustomerComplaintHeaders, relKeyAccount, relVisitPlanTitle
    case relLastContact, relNoContact, relNextContactUsual, relNextContactDefault, relOverdue, relNotOverdue
    case relOverdueComplaints, relOpen, relOwnersTitle, relOwnerHeaders, relOnePersonTitle, relOnePersonHeaders
    case relHandOverTitle, relByCLV, relByRevenue, relHandOverHeaders, relOwnerFromInteractions, relMoreRows
    case relFieldType, relFieldEmail, relFieldPhone, relFieldRegion, relFieldIndustry, relFieldAgeBand, relFieldGender
    case relFieldIncomeBand, relFieldAcquired, relFieldChannel, relFieldOwner, relFieldTags, relFieldBirthday
    // Survey tables.
    case surveyAllRespondents, surveyGroup, surveyResponses, surveyNPS, surveyMeanSatisfaction, surveyStatedWeights
    case surveyEqualWeights, surveyIndex, surveyGap, surveyWeakest, surveyWeakestStage, surveyAttributeHeaders
    case surveyBelowAdequate, surveyStageHeaders, ipaStated, ipaDerived, ipaHeading, ipaRegression, ipaHeaders
    case competitorsHeading, competitorsHeaders, deliveredHeaders, deliveredTheFirm, loyaltyHeading, loyaltyHeaders
    case loyaltySatisfactionLoyalty, loyaltyLoyaltyValue, loyaltySatisfactionValue, journeyHeaders, journeyBottleneck
    case loyaltyCLV12, loyaltyRevenueToDate, loyaltySlope

    // Dashboard.
    case cliDemoDashboard, cliDemoServeNow, cliWebLoginHelp, webActiveShare, webAll, webAllCustomers, webCSRFRefused,
        webChangeFromRun
    case webCustomerHeaders, webCustomers, webCustomersFromRun, webDownloadRun, webDownloadTasks, webDownloads
    case webErrorTitle, webExportImports, webExportRun, webExportRuns, webExportTasks, webFile, webFilterButton
    case customerSurveysTitle, customerSurveyHeaders, customerSurveyOverall, webTableCSV, reportFirstOf
    case webFiltered, webFirstPage, webImportFailed, webImportRowsFailed, webImportHeaders, webImportsTitle,
        webJobFailed, webJobFinished
    case webJobHeaders, webJobRunning, webJobStep, webJobTitle, webJobsTitle, webKind, webLoginButton
    case webLoginFailed, webLoginTitle, webLogout, webMonthsSince, webNPS, webNavCustomers, webNavData
    case webNavLifecycle, webNavModels, webNavOverview, webNavPortfolio, webNavTasks, webNavValue, webNavigation
    case webNextPage, webNoCustomers, webNoFile, webNoImports, webNoRun, webNoRunAction, webNoTasks, webNotFound
    case webNotFoundTitle, webNothingToShow, webOpenRun, webPassword, webPatternHeaders, webPatternsIntro
    case webPatternsTitle, webPercentPoints, webProduct, webRefusedTitle, webRejectedRows, webRepeatRate, webRevenue
    case webRoleAdmin, webRoleAnalyst, webRoleRefused, webRoleViewer, webRowProblemHeaders, webRunHeaders
    case webRunName, webRunSubtitle, webRunsTitle, webScale, webSearch, webSearchButton, webShowAll, webWarned,
        webNotWarned, webSkipInvalid
    case webStartRun, webStartRunButton, webStartRunIntro, webStepHeaders, webTaskHeaders, webTaskLabel
    case webTaskLossReason, webTaskNote, webTaskOwner, webTaskSave, webTaskUpdate, webTaskUpdated, webTasksEveryone
    case webTasksMine, webTotalCLV, webUploadButton, webUploadTitle, webUser, webValueAtRisk, webValueHistory
    case webValueHistoryCaption
    /// The text in `language` with `values` in its places.
    public func callAsFunction(_ language: Language, _ values: any CustomStringConvertible...) -> String {
        fill(language, values)
    }

    /// The English text with `values` in its places.
    public func en(_ values: any CustomStringConvertible...) -> String { fill(.en, values) }

    /// The English text of a key that takes no values.
    public var en: String { fill(.en, []) }

    /// `text` after this key's label: "Note: text" in English, "注：text" in Chinese.
    public func labelling(_ text: String, in language: Language) -> String {
        Text.labelled(language, self(language), text)
    }

    /// Column headers, split from a text joined with "|".
    public func headers(_ language: Language, _ values: any CustomStringConvertible...) -> [String] {
        fill(language, values).split(separator: "|", omittingEmptySubsequences: false).map(String.init)
    }

    func fill(_ language: Language, _ values: [any CustomStringConvertible]) -> String {
        let (english, chinese) = texts
        let template = language == .zh ? chinese : english
        // One pass over the template, so a value that itself contains "{2}" (a customer's note, a
        // file name) is copied as it is, never filled in turn.
        var text = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            text += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let n = Int(after[..<close]), n >= 1, n <= values.count {
                text += values[n - 1].description
                rest = after[after.index(after: close)...]
            } else {
                text += "{"
                rest = after
            }
        }
        return text + rest
    }

    private var texts: (String, String) {
        switch self {
        case .outputPathEmpty: ("no output file given", "未指定输出文件")
        case .outputFolderMissing: ("cannot write {1}: its folder does not exist", "无法写入 {1}：所在文件夹不存在")
        case .outputIsDatabase:
            (
                "{1} is the database: an output never replaces it; choose another file",
                "{1} 是数据库文件：输出不会覆盖数据库，请另选文件"
            )
        case .outputIsInput:
            (
                "{1} is an input of this command: an output never replaces it; choose another file",
                "{1} 是本命令读取的输入文件：输出不会覆盖它，请另选文件"
            )
        case .outputIsFolder: ("{1} is a folder, not a file", "{1} 是文件夹，不是文件")
        case .outputOtherKind:
            (
                "{1} already exists and is {2}, not {3} output: it is kept; choose another file or replace it on purpose",
                "{1} 已存在，内容是{2}而不是 {3} 输出：文件已保留；请另选文件，或确认后再覆盖"
            )
        case .outputNotWritable:
            ("cannot write {1}: check that its folder is writable", "无法写入 {1}：请检查文件夹是否可写")
        case .wroteRows: ("Wrote {1} {2} to {3}", "已将 {1} 条{2}写入 {3}")
        case .databaseReady:
            ("Database ready: {1} ({2} customers, {3} transactions)", "数据库已就绪：{1}（{2} 位客户，{3} 笔交易）")
        case .initAdminToken: ("Admin token of the web service (shown only now): {1}", "Web 服务的管理员令牌（仅显示这一次）：{1}")
        case .needsDatabase: ("this operation needs a database", "此操作需要数据库")
        case .importKindCustomers: ("customers", "客户")
        case .importKindTransactions: ("transactions", "交易")
        case .importKindMarketing: ("marketing spend", "营销投入")
        case .importKindPayments: ("payments", "付款")
        case .importKindInteractions: ("interactions", "客户接触")
        case .importKindComplaints: ("complaints", "投诉")
        case .importKindSurveys: ("survey answers", "调查答卷")
        case .importIgnoredColumns: ("Ignored columns not used for {1}: {2}", "未用于{1}的列已忽略：{2}")
        case .importRejectsWritten:
            ("Rejected rows written to {1} (with their line and error).", "无效行已写入 {1}（含行号和错误）。")
        case .importNewCustomer: ("{1} new customer.", "新增 {1} 位客户。")
        case .importNewCustomers: ("{1} new customers.", "新增 {1} 位客户。")
        case .importNewBareCustomer:
            (
                "{1} new customer created (id only; import customers to add details).",
                "新建 {1} 位客户（仅编号；导入客户资料可补充详情）。"
            )
        case .importNewBareCustomers:
            (
                "{1} new customers created (id only; import customers to add details).",
                "新建 {1} 位客户（仅编号；导入客户资料可补充详情）。"
            )
        case .importNothingNew:
            ("Nothing new: every valid row of {1} is already in the database.", "没有新数据：{1} 的有效行都已在数据库中。")
        case .importDone: ("Imported {1} from {2}: {3} ({4} s).", "已从 {2} 导入{1}：{3}（{4} 秒）。")
        case .importCounts:
            (
                "{1} rows read: {2} stored, {3} duplicates skipped, {4} rejected",
                "读取 {1} 行：存储 {2} 行，跳过重复 {3} 行，拒绝 {4} 行"
            )
        case .importCountsUpdated:
            (
                "{1} rows read: {2} stored, {3} updated, {4} duplicates skipped, {5} rejected",
                "读取 {1} 行：存储 {2} 行，更新 {3} 行，跳过重复 {4} 行，拒绝 {5} 行"
            )
        case .importing: ("Importing {1}", "正在导入 {1}")
        case .importProgress: ("{1} of {2} MB, {3} rows", "{1} / {2} MB，{3} 行")
        case .copyProgress: ("{1}: {2} of {3} rows", "{1}：{2} / {3} 行")
        case .copyExported:
            ("Exported {1} rows of {2} tables from {3} to {4} ({5} s).", "已将 {3} 的 {2} 张表共 {1} 行导出到 {4}（{5} 秒）。")
        case .copyCopied:
            ("Copied {1} rows of {2} tables from {3} into {4} ({5} s).", "已将 {3} 的 {2} 张表共 {1} 行复制到 {4}（{5} 秒）。")
        case .copyTable: ("Table", "表")
        case .copyRows: ("Rows", "行数")
        case .unknownModel: ("unknown model \"{1}\"; choose from {2}", "未知模型“{1}”；可选：{2}")
        case .noModel: ("no model given", "未指定模型")
        case .penalizerRange: ("the penalizer must be a number ≥ 0", "惩罚系数必须是 ≥ 0 的数")
        case .notAvailable: ("the {1} model is not available in this version", "此版本不提供 {1} 模型")
        case .notAPurchaseModel:
            (
                "{1} does not predict purchases per customer; use bgnbd, mbgnbd, pareto or bgbb",
                "{1} 不能预测每位客户的购买；请用 bgnbd、mbgnbd、pareto 或 bgbb"
            )
        case .notValidatable:
            (
                "{1} cannot be validated on purchases; use bgnbd, mbgnbd or pareto",
                "{1} 不能按购买做验证；请用 bgnbd、mbgnbd 或 pareto"
            )
        case .bgbbNeedsPeriods:
            (
                "bgbb needs purchase opportunities: a summary file with frequency, recency and periods columns (recency = the last opportunity with a purchase)",
                "bgbb 需要购买机会数：汇总文件须有 frequency、recency 和 periods 列（recency = 最后一次有购买的机会）"
            )
        case .bgbbNeedsFile:
            (
                "bgbb predicts from a summary file with frequency, recency and periods columns",
                "bgbb 需根据含 frequency、recency、periods 列的汇总文件预测"
            )
        case .bgbbNeedsPeriodsColumn: ("bgbb needs a periods column in the summary file", "bgbb 需要汇总文件中的 periods 列")
        case .spendNeedsMonetary:
            (
                "the spend model needs monetary values; the summary file has no monetary column",
                "消费模型需要 monetary 列；汇总文件中没有"
            )
        case .sbgNeedsSurvivors:
            (
                "sbg fits retention by period: it needs the customers still active at period 0, 1, 2, … (e.g. 1000,869,743)",
                "sbg 按期拟合留存：需要第 0、1、2……期仍活跃的客户数（如 1000,869,743）"
            )
        case .sbgSurvivorsShape:
            (
                "the survivor counts must be at least two counts that never increase, starting above 0",
                "存活客户数至少两个、不递增、且首个大于 0"
            )
        case .horizonPositive: ("the horizon must be a positive number", "预测期必须是正数")
        case .discountRange: ("the discount rate must be a number ≥ 0", "折现率必须是 ≥ 0 的数")
        case .marginRange: ("the margin must be between 0 and 1", "利润率必须在 0 到 1 之间")
        case .clvWholePeriods:
            ("CLV sums whole periods: the horizon must be a whole number (got {1})", "CLV 按整期求和：预测期须为整数（现为 {1}）")
        case .fitUnitMismatch:
            (
                "the saved fit is in {1}s but the summary file is in {2}s; the durations must be in the fit's unit",
                "已保存的拟合以{1}为单位，汇总文件却以{2}为单位；时长单位须与拟合一致"
            )
        case .fitUnreadable: ("cannot read the fit {1}", "无法读取拟合文件 {1}")
        case .fitNotAFit: ("{1} is not a model fit saved as JSON by cvm", "{1} 不是 cvm 保存的 JSON 模型拟合")
        case .notAFitOf: ("the fit is not of the {1} model", "该拟合不是 {1} 模型")
        case .paramsMalformed:
            ("parameters must be name=value pairs separated by commas, e.g. {1}", "参数须为逗号分隔的 名称=数值，如 {1}")
        case .paramsMissing: ("the parameters lack {1} for model {2} (needs {3})", "模型 {2} 缺少参数 {1}（需要 {3}）")
        case .holdoutEmpty:
            (
                "the holdout is empty: the calibration end must be before the last transaction date or the as-of date",
                "验证期为空：校准期结束日必须早于最后交易日或观察截止日"
            )
        case .predictNotFitted:
            (
                "the {1} model could not be fitted: it needs at least 2 customers with repeat purchases (found {2}); nothing was predicted or stored. Import more history (purchases over a longer period), or give a saved fit or parameters",
                "{1} 模型无法拟合：至少需要 2 位有重复购买的客户（现有 {2} 位）；未做预测，也未存储。请导入更长时间的购买历史，或提供已保存的拟合或参数"
            )
        case .spendNotFitted:
            (
                "the Gamma-Gamma spend model could not be fitted: it needs at least 2 customers with repeat purchases and a positive mean spend (found {1}); nothing was predicted or stored. Import more history, or give a saved spend fit or parameters",
                "Gamma-Gamma 消费模型无法拟合：至少需要 2 位有重复购买且平均消费为正的客户（现有 {1} 位）；未做预测，也未存储。请导入更多历史，或提供已保存的消费模型拟合或参数"
            )
        case .fitDidNotConverge: ("the {1} fit did not converge: {2}", "{1} 拟合未收敛：{2}")
        case .spendCorrelated:
            (
                "frequency and mean spend are correlated (ρ = {1}): the Gamma-Gamma model assumes they are independent, so its spend predictions may be biased",
                "购买频次与平均消费相关（ρ = {1}）：Gamma-Gamma 模型假设二者独立，消费预测可能有偏"
            )
        case .spendSkipped:
            (
                "{1} repeat customers with a mean spend ≤ 0 were left out of the spend model.",
                "{1} 位平均消费 ≤ 0 的重复购买客户未纳入消费模型。"
            )
        case .sbgProjection: ("Projected survival by period: {1}", "各期预计留存：{1}")
        case .sourceDatabase: ("{1}: {2} customers to {3}, in {4}", "{1}：{2} 位客户，截至 {3}，单位：{4}")
        case .sourceFile: ("{1} ({2} rows, {3})", "{1}（{2} 行，单位：{3}）")
        case .sourceHoldout: (", holdout to {1}", "，验证期至 {1}")
        case .sourceOpportunities: ("; horizon in opportunities", "；预测期以购买机会计")
        case .fitHeading: ("{1}{2}: {3}", "{1}{2}：{3}")
        case .fitConverged: ("converged after {1} iterations", "{1} 次迭代后收敛")
        case .fitNotConverged: ("DID NOT CONVERGE after {1} iterations", "{1} 次迭代后仍未收敛")
        case .fitNotFitted: ("NOT FITTED", "未拟合")
        case .fitParameter: ("parameter", "参数")
        case .fitEstimate: ("estimate", "估计值")
        case .fitStandardError: ("std. error", "标准误")
        case .fitFigures:
            ("log-likelihood {1}   AIC {2}   BIC {3}   customers {4}", "对数似然 {1}   AIC {2}   BIC {3}   客户数 {4}")
        case .fitRanking: ("Models ranked by BIC (lower is better):", "按 BIC 排名的模型（越低越好）：")
        case .fitRank: ("rank", "排名")
        case .fitModel: ("model", "模型")
        case .fitLogLikelihood: ("log-likelihood", "对数似然")
        case .fitConvergedColumn: ("converged", "收敛")
        case .yes: ("yes", "是")
        case .no: ("no", "否")
        case .notApplicable: ("–", "–")
        case .predictData: ("Data: {1}", "数据：{1}")
        case .predictModel: ("Model: {1}", "模型：{1}")
        case .predictSpend: ("Spend: {1}", "消费模型：{1}")
        case .predictMeans:
            (
                "Mean P(alive) {1}; expected purchases in the next {2}: {3}",
                "平均 P(活跃) {1}；未来 {2} 预计购买次数：{3}"
            )
        case .predictCLV:
            (
                "CLV over {1} (discount {2}/{3}, margin {4}): total {5}, mean {6}, median {7}",
                "{1} 的 CLV（每{3}折现率 {2}，利润率 {4}）：合计 {5}，平均 {6}，中位数 {7}"
            )
        case .predictTopCLV: ("Top {1} customers by CLV:", "CLV 最高的 {1} 位客户：")
        case .predictTopPurchases: ("Top {1} customers by expected purchases:", "预计购买最多的 {1} 位客户：")
        case .predictStored:
            ("Stored predictions of {1} customers in {2} (run {3}).", "已将 {1} 位客户的预测存入 {2}（第 {3} 次运行）。")
        case .warning: ("Warning: {1}", "警告：{1}")
        case .predictCustomerID: ("customer_id", "客户编号")
        case .predictPAlive: ("p_alive", "P(活跃)")
        case .predictExpectedPurchases: ("expected_purchases", "预计购买")
        case .predictExpectedSpend: ("expected_spend", "预计单次消费")
        case .predictCLVColumn: ("clv", "CLV")
        case .ratesPer: (" (rates per {1})", "（每{1}速率）")
        case .validateHeading:
            ("Calibration to {1}, holdout {2} {3} to {4}; {5} customers", "校准期至 {1}，验证期 {2} {3}，至 {4}；{5} 位客户")
        case .validateBuckets:
            ("Holdout purchases per customer, by calibration repeat purchases:", "按校准期重复购买次数分组的每位客户验证期购买：")
        case .validateTotals:
            (
                "Total predicted {1}, actual {2}; mean absolute error per customer {3}; correlation {4}",
                "预测合计 {1}，实际 {2}；每位客户平均绝对误差 {3}；相关系数 {4}"
            )
        case .validateTracking: ("Cumulative repeat purchases of the whole base:", "全体客户累计重复购买：")
        case .validateRanking: ("Models ranked by holdout mean absolute error:", "按验证期平均绝对误差排名的模型：")
        case .validateCalibrationColumn: ("calibration purchases", "校准期购买")
        case .validateCustomers: ("customers", "客户数")
        case .validateActual: ("actual", "实际")
        case .validatePredicted: ("predicted", "预测")
        case .validateActualCumulative: ("actual cumulative", "实际累计")
        case .validateExpectedCumulative: ("expected cumulative", "预计累计")
        case .validateMeanAbsoluteError: ("mean abs. error", "平均绝对误差")
        case .validateCorrelation: ("correlation", "相关系数")
        case .segmentsSegment: ("Segment", "客户群")
        case .segmentsCustomers: ("Customers", "客户数")
        case .segmentsShare: ("Share", "占比")
        case .segmentsRevenue: ("Revenue", "收入")
        case .segmentsValueShare: ("Value share", "收入占比")
        case .segmentsMeanPurchases: ("Mean purchases", "平均购买天数")
        case .segmentsStrategy: ("Strategy", "策略")
        case .segmentsCustomerID: ("customer_id", "客户编号")
        case .segmentsRecencyDays: ("recency_days", "距上次购买天数")
        case .segmentsPurchases: ("purchases", "购买天数")
        case .segmentsRFM: ("rfm", "RFM")
        case .strategyUnreadable: ("cannot read the strategies {1}", "无法读取策略文件 {1}")
        case .strategyUnknownGroup: ("{1}: unknown group [{2}]; use {3}", "{1}：未知客户群 [{2}]；可用：{3}")
        case .strategyNotATable:
            (
                "{1}: [{2}] must be a table with strategy, strategy_zh, reason, reason_zh",
                "{1}：[{2}] 须为含 strategy、strategy_zh、reason、reason_zh 的表"
            )
        case .strategyNotAString: ("{1}: [{2}] {3} must be a string", "{1}：[{2}] {3} 须为字符串")
        case .strategyUnknownKey:
            (
                "{1}: [{2}] has an unknown key \"{3}\"; use strategy, strategy_zh, reason or reason_zh",
                "{1}：[{2}] 有未知键“{3}”；可用 strategy、strategy_zh、reason 或 reason_zh"
            )
        case .strategyUnknownSegment: ("unknown segment \"{1}\"; use {2}", "未知客户群“{1}”；可用：{2}")
        case .tomlSyntax: ("{1}, line {2}, column {3}: {4}", "{1}，第 {2} 行，第 {3} 列：{4}")
        case .generateCustomers: ("the number of customers must be at least 1", "客户数至少为 1")
        case .generatePositive: ("{1} must be a positive number (got {2})", "{1} 必须是正数（现为 {2}）")
        case .generateDates:
            (
                "the dates must satisfy cohort start ≤ cohort end ≤ observation end",
                "日期须满足 获客开始 ≤ 获客结束 ≤ 观察结束"
            )
        case .generateWrote: ("Wrote {1} transactions of {2} customers to {3}", "已将 {2} 位客户的 {1} 笔交易写入 {3}")
        case .generateTruth:
            (
                "True parameters: BG/NBD r={1} alpha={2} (per day) a={3} b={4}; Gamma-Gamma p={5} q={6} v={7}; cohort {8}…{9}, observation end {10}, seed {11}",
                "真实参数：BG/NBD r={1} alpha={2}（每天）a={3} b={4}；Gamma-Gamma p={5} q={6} v={7}；获客期 {8}…{9}，观察结束 {10}，随机种子 {11}"
            )
        case .generating: ("Generating", "正在生成")
        case .surveyWaveText:
            ("the wave \"{1}\" must not contain a comma, a quote or a line break", "调查批次“{1}”不能含逗号、引号或换行")
        case .surveyNoCustomers:
            (
                "there are no customers with transactions to survey; import transactions first, or ask for a number of "
                    + "customers",
                "没有有交易的客户可供调查；请先导入交易，或指定客户数"
            )
        case .surveyWrote:
            (
                "Wrote {1} survey rows of {2} respondents (synthetic, 1–7 scale) to {3}; the true model to {4}",
                "已将 {2} 位受访者的 {1} 行调查答卷（合成数据，1–7 分制）写入 {3}；真实模型写入 {4}"
            )
        case .noSurveys:
            (
                "there are no survey answers in {1} yet: import a survey (one row per response and attribute, as the "
                    + "importing guide shows)",
                "{1} 中还没有调查答卷：请导入调查数据（每份答卷每个属性一行，见导入指南）"
            )
        case .surveyUnknownWave: ("there is no survey wave \"{1}\"; the waves are {2}", "没有调查批次“{1}”；现有批次：{2}")
        case .surveyNoRun:
            (
                "grouping respondents by segment needs a stored analysis run, and there is none yet",
                "按客户群分析需要已保存的分析运行，目前还没有"
            )
        case .generateProgress: ("{1} of {2} customers", "{1} / {2} 位客户")
        case .reportSurveyComputed:
            (
                "Computed from the {1} survey responses dated up to the run's as-of date {2}{3}: the run stores no "
                    + "survey figures, so they are read from the survey answers the database holds now.",
                "根据截至本次运行基准日 {2} 的 {1} 份调查答卷计算{3}：分析运行不保存调查结果，因此读取数据库当前所存的调查答卷。"
            )
        case .reportSurveyWave:
            (
                " (wave {1} only: the waves use different scales, and this is the latest)",
                "（仅批次 {1}：各批次量表不同，此为最新一批）"
            )
        case .reportSatisfactionTitle: ("Satisfaction gaps", "满意度差距")
        case .reportSatisfactionIntro:
            (
                "Performance against the desired expectation per attribute (the SERVQUAL gap; below 0, customers get "
                    + "less than they expect), on a {1} scale. Satisfaction index {2} of 100 ({3}); weighted gap {4}; "
                    + "each respondent's worst gap, averaged, {5}; weakest link: {6}.",
                "各属性表现与理想期望之差（SERVQUAL 差距；小于 0 表示顾客所得低于期望），量表 {1}。满意度指数 {2}（满分 "
                    + "100，{3}）；加权差距 {4}；每位受访者最差一项的平均差距 {5}；最短板：{6}。"
            )
        case .reportIndexStated: ("weighted by stated importance", "按陈述重要性加权")
        case .reportIndexEqual: ("equal weights: no importance was asked", "等权：未询问重要性")
        case .reportImportance: ("importance", "重要性")
        case .reportExpected: ("expected", "期望")
        case .reportPerformance: ("performance", "表现")
        case .reportGap: ("gap", "差距")
        case .reportZone: ("zone of tolerance", "容忍区")
        case .reportJourneyStage: ("journey stage", "旅程阶段")
        case .reportGapChart: ("Gap per attribute (performance − expectation)", "各属性差距（表现 − 期望）")
        case .reportPerformanceChart: ("Mean performance per attribute", "各属性平均表现")
        case .reportNPSTitle: ("Net Promoter Score", "净推荐值（NPS）")
        case .reportScoreTitle: ("Composite value score", "综合价值评分")
        case .reportScoreIntro:
            (
                "Each customer's value on one 0–100 scale: the indicators below, each scaled to 0–1 over the "
                    + "customers, weighted and summed. Rank 1 is the most valuable customer.",
                "把每位客户的价值放到同一个 0–100 的尺度上：下列指标各自在全体客户中标准化到 0–1，加权求和。排名 1 为价值最高的客户。"
            )
        case .reportScoreDistribution: ("Customers by composite score", "按综合评分的客户分布")
        case .reportScoreAxis: ("score (0–100)", "得分（0–100）")
        case .reportScoreWeightHeaders: ("Indicator|Weight", "指标|权重")
        case .reportScoreTopHeaders: ("Rank|Customer|Score|CLV|Tier", "排名|客户|得分|CLV|层级")
        case .reportNPSIntro:
            (
                "Likelihood to recommend on 0–10: promoters 9–10, passives 7–8, detractors 0–6. NPS = % promoters − "
                    + "% detractors = {1} (95% interval {2} … {3}, the Wald interval) over {4} answers.",
                "推荐意愿 0–10 分：9–10 分为推荐者，7–8 分为中立者，0–6 分为贬损者。NPS = 推荐者占比 − 贬损者占比 = {1}"
                    + "（95% 置信区间 {2} … {3}，Wald 区间），共 {4} 份回答。"
            )
        case .reportPromoters: ("promoters", "推荐者")
        case .reportPassives: ("passives", "中立者")
        case .reportDetractors: ("detractors", "贬损者")
        case .reportAnswers: ("answers", "回答数")
        case .reportIPATitle: ("Importance–performance quadrants", "重要性–表现象限")
        case .reportIPAIntro:
            (
                "Each attribute by its mean performance (across) and its {1} (up); the dashed crosshairs lie at the "
                    + "means of the attributes (Martilla & James 1977). Concentrate on the top left.",
                "每个属性按平均表现（横轴）与{1}（纵轴）定位；虚线十字取各属性的均值（Martilla & James 1977）。"
                    + "左上象限需重点改进。"
            )
        case .reportIPAStated: ("stated importance", "陈述重要性")
        case .reportIPADerived:
            (
                "importance derived by regressing overall satisfaction on the attributes' performance",
                "推导重要性（总体满意度对各属性表现的回归系数）"
            )
        case .reportQuadrant: ("quadrant", "象限")
        case .reportValueMapTitle: ("Customer value map", "顾客价值图")
        case .reportValueMapIntro:
            (
                "Relative quality (across) against relative price (up) of the firm and each competitor the survey "
                    + "rates (Gale 1994), weighted by {1}. The dashed line is the fair-value line through (1, 1), slope "
                    + "{2} ({3}); below and right of it is better value.",
                "本企业与调查中各竞争对手的相对质量（横轴）与相对价格（纵轴）（Gale 1994），按{1}加权。虚线为过 (1, 1) "
                    + "的公平价值线，斜率 {2}（{3}）；位于其右下方者价值更优。"
            )
        case .reportNoWeakest: ("none", "无")
        case .waveChangeTooFew:
            (
                "the survey has {1} wave ({2}); a change needs two: import answers of a second wave",
                "调查只有 {1} 个批次（{2}）；比较变化需要两个批次：请导入第二批答卷"
            )
        case .waveChangeSame: ("wave \"{1}\" cannot be compared with itself", "批次“{1}”不能与自身比较")
        case .waveChangeNote:
            (
                "means: Welch's t test (unequal variances, Welch–Satterthwaite degrees of freedom); NPS: the "
                    + "two-sample Wald z test, SE = √(SE₁² + SE₂²); p two-sided. The waves are treated as independent "
                    + "samples: when the same customers answered both, the tests are conservative",
                "均值：Welch t 检验（方差不等，Welch–Satterthwaite 自由度）；NPS：两样本 Wald z 检验，"
                    + "SE = √(SE₁² + SE₂²)；p 为双侧。两批答卷按独立样本处理：同一批客户两次作答时，检验偏保守"
            )
        case .waveChangeHeading:
            (
                "Change from wave {1} ({2} responses) to wave {3} ({4} responses); significant: two-sided p below {5}",
                "从批次 {1}（{2} 份答卷）到批次 {3}（{4} 份答卷）的变化；显著：双侧 p 小于 {5}"
            )
        case .waveChangeScales:
            (
                "The waves use different scales ({1} and {2}): only NPS, always on 0–10, is compared.",
                "两批次量表不同（{1} 与 {2}）：只比较始终为 0–10 分的 NPS。"
            )
        case .waveChangeMeasure: ("measure", "指标")
        case .waveChangeFrom: ("from", "起")
        case .waveChangeTo: ("to", "止")
        case .waveChangeChange: ("change", "变化")
        case .waveChangeSignificant: ("significant", "显著")
        case .waveChangeSatisfaction: ("overall satisfaction", "总体满意度")
        case .waveChangeNPS: ("NPS", "NPS")
        case .waveChangePerformance: ("performance: {1}", "表现：{1}")
        case .waveChangeGap: ("gap: {1}", "差距：{1}")
        case .retentionEffect:
            (
                "A 1-point higher satisfaction (on {1}) goes with {2} percentage points more customers buying again "
                    + "within {5} days of their answer (95% CI {3} … {4}), over {6} respondents.",
                "满意度（{1} 分制）每高 1 分，答卷后 {5} 天内再次购买的客户比例高 {2} 个百分点（95% 置信区间 {3} … {4}），"
                    + "共 {6} 位受访者。"
            )
        case .retentionAdjusted:
            (
                "Net of their purchases in the same span before the answer, each point goes with {1} more purchase "
                    + "days (95% CI {2} … {3}). These are associations, not proof of cause.",
                "扣除答卷前同样时长内的购买后，每高 1 分，购买天数多 {1}（95% 置信区间 {2} … {3}）。这是关联，并非因果证明。"
            )
        case .retentionNote:
            (
                "window: purchase days in (answer day, answer day + horizon], fully observed (each customer's latest "
                    + "answer with a full window); retained = at least one; fits: OLS with classical standard errors, "
                    + "retained (0/1) on satisfaction is a linear probability model; purchases before = the same span "
                    + "before the answer",
                "窗口：答卷日之后至答卷日 + 观察期内的购买天数，须完整观察（每位客户取最近一次有完整窗口的答卷）；再购 = "
                    + "至少一次；拟合：OLS 与经典标准误，再购（0/1）对满意度为线性概率模型；答卷前购买 = 答卷前同样时长"
            )
        case .retentionBadHorizon:
            ("the horizon must be 1 to 36600 days, not {1}", "观察期须为 1 至 36600 天，而不是 {1}")
        case .retentionNoTransactions:
            (
                "there are no transactions to follow the respondents with: import the transactions",
                "没有可用于跟踪受访者的交易：请导入交易"
            )
        case .retentionTooFew:
            (
                "{1} respondents with a customer id and an overall satisfaction have {2} days of transactions after "
                    + "their answer (the data ends {3}; {4} answered too recently); at least 4 are needed: import "
                    + "later transactions or choose a shorter horizon",
                "有客户编号与总体满意度、且答卷后有 {2} 天交易数据的受访者只有 {1} 位（数据截至 {3}；{4} 位答卷过晚）；"
                    + "至少需要 4 位：请导入更新的交易或缩短观察期"
            )
        case .retentionHeading:
            (
                "Satisfaction and buying again within {1} days of the answer: {2} respondents, {3} answered too recently "
                    + "(transactions to {4})",
                "满意度与答卷后 {1} 天内的再次购买：{2} 位受访者，{3} 位答卷过晚（交易截至 {4}）"
            )
        case .retentionSatisfaction: ("satisfaction", "满意度")
        case .retentionRespondents: ("respondents", "受访者")
        case .retentionRetained: ("bought again", "再次购买")
        case .retentionShare: ("share", "比例")
        case .retentionPurchases: ("mean purchase days", "平均购买天数")
        case .retentionSpend: ("mean spend", "平均消费")
        case .attitudesNote:
            (
                "k-means (k-means++ seeding, fixed seed) over each response's stated importance and desired expectation "
                    + "of every attribute, each standardised to mean 0 and SD 1; only responses answering every one; "
                    + "distinctive = the feature whose standardised centre lies furthest from 0; revenue = revenue to "
                    + "date of the identified customers",
                "k-means（k-means++ 初始化，固定随机种子），特征为每份答卷对各属性的陈述重要性与理想期望，均标准化为均值 0、"
                    + "标准差 1；只用全部作答的答卷；显著特征 = 标准化中心离 0 最远的特征；收入 = 可识别客户的累计收入"
            )
        case .attitudesBadK: ("the number of clusters must be 1 to 20, not {1}", "聚类数须为 1 至 20，而不是 {1}")
        case .attitudesTooFew:
            (
                "fewer than {1} responses give an importance or expectation for every attribute, or none of them "
                    + "varies: attitude clusters need the survey's importance or expectation questions",
                "对每个属性都给出重要性或期望的答卷不足 {1} 份，或其取值没有差异：态度聚类需要调查中的重要性或期望题"
            )
        case .attitudesHeading:
            (
                "Attitude clusters of {1} responses by what they say matters and what they expect (standardised, k = {2})",
                "按受访者认为重要的方面与期望对 {1} 份答卷聚类（标准化，k = {2}）"
            )
        case .attitudesCluster: ("cluster", "类别")
        case .attitudesSize: ("responses", "答卷")
        case .attitudesDistinctive: ("most distinctive", "最显著特征")
        case .attitudesSatisfaction: ("satisfaction", "满意度")
        case .attitudesCustomers: ("customers", "客户")
        case .attitudesRevenue: ("mean revenue", "平均收入")
        case .attitudesImportance: ("importance of {1}", "{1}的重要性")
        case .attitudesExpectation: ("expectation of {1}", "{1}的期望")
        case .reportCompetitorsTitle: ("Competitor comparison", "竞争对手比较")
        case .reportCompetitorsIntro:
            (
                "The firm's and each competitor's mean rating per attribute, over the answers that rate both, and the "
                    + "gap competitor − firm with its 95% interval. Relative customer value (Gale's quality ratio, "
                    + "weighted by stated importance; above 1 the firm is rated better): {1}.",
                "各属性上本企业与各竞争对手的平均评分（只计同时评价两者的答卷），以及差距（对手 − 本企业）及其 95% 置信区间。"
                    + "相对顾客价值（Gale 质量比，按陈述重要性加权；大于 1 表示本企业评价更高）：{1}。"
            )
        case .reportCompetitor: ("competitor", "对手")
        case .reportCompetitorGap: ("gap (competitor − firm)", "差距（对手 − 本企业）")
        case .reportInterval: ("95% interval", "95% 置信区间")
        case .reportJourneyTitle: ("Journey stages", "顾客旅程阶段")
        case .reportJourneyIntro:
            (
                "Mean performance and gap of the answers tagged with each stage of the customer's journey; the "
                    + "bottleneck is {1}.",
                "按顾客旅程各阶段标记的答卷的平均表现与差距；瓶颈阶段：{1}。"
            )
        case .valueMapGroup:
            ("Group {1}: fair-value slope {2} ({3})", "客户群 {1}：公平价值线斜率 {2}（{3}）")
        case .valueMapGroupNone: ("Group {1}: no map, {2}", "客户群 {1}：无法绘制，{2}")
        case .valueMapFirm: ("the firm", "本企业")
        case .valueMapBetter: ("better value", "价值更优")
        case .valueMapFair: ("fair value", "价值相当")
        case .valueMapWorse: ("worse value", "价值较差")
        case .valueMapNote:
            (
                "relative quality = Σ w · rating ÷ the other providers' mean rating over the quality attributes; relative "
                    + "price = 1 ÷ the same ratio of the price-satisfaction attributes (a higher satisfaction with price "
                    + "reads as a lower price); weights rescaled to sum to 1 in each group; fair-value line through "
                    + "(1, 1); value = the signed distance to the line, above 0 below and right of it (better value)",
                "相对质量 = Σ 权重 × 评分 ÷ 其他提供者的平均评分（质量属性）；相对价格 = 1 ÷ 价格满意度属性的同一比值"
                    + "（对价格越满意，视为价格越低）；各组权重归一为 1；公平价值线过 (1, 1)；顾客价值 = 到该线的"
                    + "有向距离，大于 0 表示位于线的右下方（价值更优）"
            )
        case .valueMapBadSlope:
            ("the fair-value slope \"{1}\" is not a finite number", "公平价值线斜率“{1}”不是有限数值")
        case .valueMapNoCompetitor:
            (
                "no survey answer rates a competitor; the value map compares the firm with the competitors customers "
                    + "rated (the competitor and competitor_performance columns of the survey)",
                "没有答卷给竞争对手评分；顾客价值图比较本企业与顾客评价过的竞争对手（调查文件的 competitor 与 "
                    + "competitor_performance 列）"
            )
        case .valueMapNoPrice:
            (
                "no price attribute ({1}) is rated for the firm and every competitor; name the attributes customers "
                    + "rated as satisfaction with price",
                "没有为本企业和所有竞争对手都评过分的价格属性（{1}）；请指定顾客按价格满意度评分的属性"
            )
        case .valueMapNoQuality:
            (
                "no quality attribute (one that is not a price attribute) is rated for the firm and every competitor",
                "没有为本企业和所有竞争对手都评过分的质量属性（价格属性以外的属性）"
            )
        case .valueMapHeading:
            (
                "Customer value map: quality and price relative to the other providers, weighted by {1}; the fair-value "
                    + "line runs through (1, 1) with slope {2} ({3})",
                "顾客价值图：相对于其他提供者的质量与价格，按{1}加权；公平价值线过 (1, 1)，斜率 {2}（{3}）"
            )
        case .valueMapWeightsStated: ("stated importance", "陈述重要性")
        case .valueMapWeightsDerived: ("derived importance", "推导重要性")
        case .valueMapWeightsEqual: ("equal weights (no importance to be had)", "等权（无法得到重要性）")
        case .valueMapSlopeFitted: ("fitted across the providers", "按各提供者拟合")
        case .valueMapSlopeGiven: ("given", "指定值")
        case .valueMapSlopeDiagonal:
            (
                "the diagonal: fitting needs three providers or more that differ in quality",
                "对角线：拟合需要至少三个质量有差异的提供者"
            )
        case .valueMapProvider: ("provider", "提供者")
        case .valueMapRelativeQuality: ("relative quality", "相对质量")
        case .valueMapRelativePrice: ("relative price", "相对价格")
        case .valueMapFairPrice: ("fair price", "公平价格")
        case .valueMapValue: ("value", "顾客价值")
        case .valueMapPosition: ("position", "位置")
        case .valueMapPriceNote:
            (
                "Relative price is 1 ÷ the price-satisfaction ratio of {1}: customers rated how satisfied they are "
                    + "with the price, so a higher rating reads as a lower price. Value is the distance to the "
                    + "fair-value line, above 0 for more quality than the price buys elsewhere.",
                "相对价格 = 1 ÷ {1} 的价格满意度比值：顾客评的是对价格的满意程度，评分越高视为价格越低。"
                    + "顾客价值是到公平价值线的距离，大于 0 表示同样的价格得到更高的质量。"
            )
        case .valueMapAttribute: ("attribute", "属性")
        case .valueMapKind: ("kind", "类别")
        case .valueMapWeight: ("weight", "权重")
        case .valueMapQuality: ("quality", "质量")
        case .valueMapPrice: ("price", "价格")
        case .valueMapFairLine: ("fair-value line", "公平价值线")
        case .targetsRuleCare:
            (
                "Retain or Maintain group and P(alive) < {1}; value at stake = CLV",
                "保留型或维持型客户，且活跃概率 < {1}；涉及价值 = 终身价值"
            )
        case .targetsRuleWinback:
            (
                "At Risk, Can't Lose Them or Hibernating, or P(alive) < {1} with historical value above the median; value at stake = CLV × (1 − P(alive)), or historical value when CLV is 0",
                "流失风险、不可失去或休眠客户群，或活跃概率 < {1} 且历史价值高于中位数；涉及价值 = 终身价值 × (1 − 活跃概率)，终身价值为 0 时取历史价值"
            )
        case .targetsRuleUpsell:
            (
                "Develop group or Potential Loyalist, P(alive) ≥ {1} and potential above current value; value at stake = potential − current value",
                "发展型客户或潜在忠诚客户，活跃概率 ≥ {1} 且潜在价值高于当前价值；涉及价值 = 潜在价值 − 当前价值"
            )
        case .targetsUnknownAlive: ("unknown", "未知")
        case .targetsReasonCare:
            ("{1} group (high current value), P(alive) {2} < {3}", "{1}客户（当前价值高），活跃概率 {2} < {3}")
        case .targetsReasonLapsed: ("{1} segment, P(alive) {2}", "{1}，活跃概率 {2}")
        case .targetsReasonFading:
            (
                "P(alive) {1} < {2}, historical value {3} above the median {4}",
                "活跃概率 {1} < {2}，历史价值 {3} 高于中位数 {4}"
            )
        case .targetsReasonDevelop:
            (
                "Develop group (low current, high potential value), P(alive) {1} ≥ {2}",
                "发展型客户（当前价值低、潜在价值高），活跃概率 {1} ≥ {2}"
            )
        case .targetsReasonLoyalist:
            ("Potential Loyalist segment, P(alive) {1} ≥ {2}", "潜在忠诚客户，活跃概率 {1} ≥ {2}")
        case .targetsAliveMBGNBD:
            (
                "MBG/NBD fitted to the run's summary (in {1}): a customer may drop out after any purchase, the first included",
                "按本次运行的汇总拟合的 MBG/NBD（单位：{1}）：客户在任何一次购买后都可能流失，包括第一次"
            )
        case .targetsAliveBGNBD:
            (
                "the run's BG/NBD for repeat buyers (MBG/NBD did not converge); one-time buyers have no P(alive), since BG/NBD takes every one-time buyer as alive",
                "重复购买客户用本次运行的 BG/NBD（MBG/NBD 未收敛）；只购买一次的客户没有活跃概率，因为 BG/NBD 把他们都视为活跃"
            )
        case .targetsNoAlive:
            (
                "run {1} has no P(alive): its model step was skipped, so no target list can be made",
                "运行 {1} 没有活跃概率：其模型步骤被跳过，无法生成目标名单"
            )
        case .targetsNoGroups:
            (
                "run {1} has no value matrix groups: its value step was skipped",
                "运行 {1} 没有价值矩阵分组：其价值步骤被跳过"
            )
        case .targetsHeading: ("Targets from run {1} (as of {2}), all that qualify:", "运行 {1}（截至 {2}）的全部目标客户：")
        case .targetsTotal:
            ("  {1}: {2} customers, value at stake {3} — {4}", "  {1}：{2} 位客户，涉及价值 {3} — {4}")
        case .targetsAliveLine: ("P(alive): {1}.", "活跃概率：{1}。")
        case .moreRows:
            ("… {1} more (use {2} or {3} for all rows)", "…… 另有 {1} 行（全部行请用 {2} 或 {3}）")
        case .wroteTargets: ("Wrote {1} targets to {2}", "已将 {1} 个目标写入 {2}")
        case .runsNone: ("No analysis runs yet.", "尚无分析运行。")
        case .runsShowHeading: ("Run {1}{2} as of {3}: {4} customers", "运行 {1}{2}，截至 {3}：{4} 位客户")
        case .runsAliveNote:
            (
                "p_alive is BG/NBD's: every one-time buyer counts as alive (the target lists use MBG/NBD).",
                "p_alive 来自 BG/NBD：只购买一次的客户都算作活跃（目标名单用 MBG/NBD）。"
            )
        case .runsMarginNote:
            (
                "Profit and CLV are revenue × margin {1}: no costs were imported.",
                "利润与终身价值按收入 × 利润率 {1} 计算：未导入成本。"
            )
        case .runsWrote: ("Wrote {1} customers to {2}", "已将 {1} 位客户写入 {2}")
        case .runsCompareHeading:
            ("Run {1} (as of {2}) → run {3} (as of {4}), by {5}", "运行 {1}（截至 {2}）→ 运行 {3}（截至 {4}），按 {5}")
        case .runsFigure: ("figure", "指标")
        case .runsChange: ("change", "变化")
        case .runsInBoth:
            (
                "Customers in both runs: {1}; only in run {2}: {3}; only in run {4}: {5}",
                "两次运行都有的客户：{1}；仅在运行 {2}：{3}；仅在运行 {4}：{5}"
            )
        case .runsRowsColumns: ("Rows: {1} in run {2}; columns: {1} in run {3}", "行：运行 {2} 的 {1}；列：运行 {3} 的 {1}")
        case .runsFromTo: ("from \\ to", "从 \\ 到")
        case .runsTotal: ("total", "合计")
        case .runsDeleted: ("Deleted run {1} (as of {2}, {3} customers).", "已删除运行 {1}（截至 {2}，{3} 位客户）。")
        case .reportNotComputed: ("not computed", "未计算")
        case .reportRunNumber: ("run {1}", "运行 {1}")
        case .reportLifecycleIntro:
            (
                "Each customer's stage at {1} by the lifecycle rules against their own purchase rhythm; P(alive) from {2} (BG/NBD would count every one-time buyer alive).",
                "各客户截至 {1} 的生命周期阶段，按规则对照其自身购买节奏判定；活跃概率来自 {2}（BG/NBD 会把每位只买过一次的客户都算作活跃）。"
            )
        case .reportWarningsIntro:
            (
                "{1} customers are slipping away; value at risk {2} (CLV × (1 − P(alive))). The {3} with the most at risk:",
                "{1} 位客户有流失风险；风险价值 {2}（终身价值 × (1 − 活跃概率)）。风险价值最高的 {3} 位："
            )
        case .reportMigrationIntro:
            (
                "Customers by stage in run {1} (as of {2}, rows) and in this run (columns).",
                "各客户在运行 {1}（截至 {2}，行）与本次运行（列）中的阶段。"
            )
        case .reportCohortsIntro:
            (
                "The share of each month's new customers who bought again in each later month, computed from the stored transactions to {1}.",
                "各月新客户在之后每个月再次购买的比例，由截至 {1} 的交易数据计算。"
            )
        case .reportStepSkipped:
            ("Not in run {1}: its {2} step was skipped: {3}", "第 {1} 次分析未含此项（{2} 步骤已跳过）：{3}")
        case .reportMarginNote:
            (
                "No costs were imported: profit is revenue × margin {1} (an assumption, not a measured margin).",
                "未导入成本：利润按收入 × 利润率 {1} 计算（为假设值，并非实测利润率）。"
            )
        case .reportRunDescribed:
            (
                "Run {1}{2} as of {3}: {4}, horizon {5} months, discount {6}/month, margin {7}, current window {8} months",
                "第 {1} 次分析{2}，截至 {3}：时间单位 {4}，期限 {5} 个月，月折现率 {6}，利润率 {7}，当期窗口 {8} 个月"
            )
        case .reportAliveAssumption:
            (
                "P(alive) is BG/NBD's: it assumes a customer can drop out only after a repeat purchase, so every one-time buyer counts as alive however long ago they bought.",
                "P(存活) 来自 BG/NBD 模型：它假设客户只会在重复购买之后流失，因此所有只购买过一次的客户无论多久以前购买都被视为存活。"
            )
        case .reportCLVSettings:
            (" ({1} months, discount {2} a month, margin {3})", "（{1} 个月，月折现率 {2}，利润率 {3}）")
        case .reportTimeUnit: (" (time unit: {1})", "（时间单位：{1}）")
        case .reportCurrentWindow: (" Current value: the last {1} months to {2}.", "当期价值：截至 {2} 的最近 {1} 个月。")
        case .reportElasticityComputed:
            (
                "Computed from the stored marketing spend and revenue of the {1} calendar months to {2}, by the run's segments.",
                "按本次分析的客户群，由截至 {2} 的 {1} 个自然月的营销投入与收入计算。"
            )
        case .reportNoMarketing: ("No marketing spend between {1} and {2}.", "{1} 至 {2} 之间没有营销投入。")
        case .reportCreditMonth:
            (
                " Grades of the month {1}: the last month the payments cover completely on or before {2}.",
                "等级为 {1} 月的等级：截至 {2} 付款数据完整覆盖的最后一个月。"
            )
        case .reportHoldoutComputed:
            (
                " Computed from the stored transactions to {1}, in the run's unit ({2}).",
                "由截至 {1} 的交易数据按本次分析的时间单位（{2}）计算。"
            )
        case .reportNoCheckCalibration:
            (
                "No model check: the calibration end {1} must fall between the first purchase {2} and {3}.",
                "无法检验模型：校准期结束日 {1} 须在首次购买 {2} 与 {3} 之间。"
            )
        case .reportNoCheckHoldout: ("No model check: the holdout period is empty.", "无法检验模型：验证期为空。")
        case .reportNoCheckFit:
            (
                "No model check: BG/NBD could not be fitted to the data before {1} ({2}).",
                "无法检验模型：{1} 之前的数据无法拟合 BG/NBD（{2}）。"
            )
        case .demoImported: ("Imported the CDNOW sample into {1}: {2}", "已将 CDNOW 样例数据导入 {1}：{2}")
        case .demoImportedSynthetic: ("Imported the synthetic {1} of the sample: {2}", "已导入样例客户的合成{1}数据：{2}")
        case .demoImportedSurvey:
            ("Imported its synthetic survey (1–7 scale): {1}", "已导入其合成调查数据（1–7 分制）：{1}")
        case .demoCustomerView: ("The customer's view (synthetic survey):", "顾客视角（合成调查数据）：")
        case .demoSample: ("the CDNOW sample", "CDNOW 样例数据")
        case .demoResults: ("Results in {1}/: {2}", "结果在 {1}/：{2}")
        case .demoOpenReport: ("Open the report: {1}", "打开报告：{1}")
        case .demoNext: ("Next: `{1}`", "下一步：`{1}`")
        case .repeatBuyersNote: (" ({1} customers bought again)", "（{1} 位客户有重复购买）")
        case .periodFromTo: ("{1} to {2}", "{1} 至 {2}")
        case .reportWroteRun:
            (
                "Wrote the report of run {1} (as of {2}) to {3} ({4} sections).",
                "已将运行 {1}（截至 {2}）的报告写入 {3}（{4} 节）。"
            )
        case .reportWroteNewRun:
            (
                "Wrote the report of new run {1} (as of {2}) to {3} ({4} sections).",
                "已将新运行 {1}（截至 {2}）的报告写入 {3}（{4} 节）。"
            )
        case .lifecycleFactPurchaseDays: ("purchase days", "购买天数")
        case .lifecycleFactTenure: ("days since the first purchase", "首次购买至今天数")
        case .lifecycleFactGap: ("days since the last purchase", "距上次购买天数")
        case .lifecycleFactRhythm: ("rhythm (a long gap), days", "购买节奏（长间隔）天数")
        case .lifecycleOwn: ("own", "自身")
        case .lifecycleBase: ("customer base", "全体客户")
        case .lifecycleAssumed: ("assumed: no customer has bought twice", "假定：尚无客户重复购买")
        case .lifecycleFactWindow: ("recent window, days", "近期窗口天数")
        case .lifecycleFactRecentValue: ("value per purchase, recent window", "近期每次购买额")
        case .lifecycleFactEarlierValue: ("value per purchase, before", "此前每次购买额")
        case .lifecycleFactPAlive: ("P(alive) ({1})", "活跃概率（{1}）")
        case .lifecycleFactComplaint: ("days the oldest open complaint is open", "最早未解决投诉已开天数")
        case .lifecyclePattern: ("pattern", "生命周期模式")
        case .lifecycleHeading: ("Lifecycle stages as of {1} ({2} customers)", "截至 {1} 的客户生命周期阶段（{2} 位客户）")
        case .lifecycleStage: ("stage", "阶段")
        case .lifecycleCustomers: ("customers", "客户数")
        case .lifecycleShare: ("share", "占比")
        case .lifecycleRevenue: ("revenue", "累计收入")
        case .lifecycleCLV: ("CLV", "客户终身价值")
        case .lifecyclePAliveFrom:
            (
                "P(alive) from {1}, fitted on the purchases up to the as-of date (BG/NBD is not used: it takes every one-time buyer for alive).",
                "活跃概率来自 {1}，按评估日之前的购买拟合（不用 BG/NBD：它把每位只买过一次的客户都视为仍活跃）。"
            )
        case .lifecycleNoPAlive: ("No P(alive): {1}; the stages read the purchase gaps only.", "无活跃概率：{1}；阶段仅依据购买间隔判定。")
        case .lifecyclePatternsHeading:
            (
                "Lifecycle patterns (monthly stages from each customer's first purchase)",
                "生命周期模式（自首次购买起每月的阶段）"
            )
        case .lifecycleMeanMonths: ("{1}, months", "{1}（月）")
        case .lifecycleExplainHeading: ("Customer {1} as of {2}", "客户 {1}（截至 {2}）")
        case .lifecycleRule: ("rule", "判定规则")
        case .lifecycleUnknownCustomer: ("there is no customer \"{1}\" in the lifecycle at {2}", "{2} 的生命周期中没有客户“{1}”")
        case .clvFromRun: ("CLV from run {1} (as of {2})", "客户终身价值取自分析运行 {1}（截至 {2}）")
        case .clvComputed:
            (
                "CLV computed here: {1} + Gamma-Gamma, {2} months (no stored run at this as-of date)",
                "客户终身价值在此计算：{1} + Gamma-Gamma，{2} 个月（该评估日没有已保存的分析运行）"
            )
        case .clvNone: ("no CLV: {1}; value at risk is not known", "无客户终身价值：{1}；风险价值未知")
        case .warningsValueAtRisk: ("value at risk", "风险价值")
        case .warningsPChurn: ("P(churn)", "流失概率")
        case .warningsReasons: ("reasons", "预警原因")
        case .warningsHeading:
            (
                "Churn warnings as of {1}: {2} customers, value at risk {3}",
                "截至 {1} 的流失预警：{2} 位客户，风险价值 {3}"
            )
        case .warningsNone: ("No customer is slipping away by these rules.", "按这些规则，没有客户处于流失风险中。")
        case .warningsShown: ("The first {1} of {2} shown.", "显示前 {1} 条，共 {2} 条。")
        case .lifecycleFact: ("fact", "事实")
        case .lifecycleValue: ("value", "数值")
        case .tasksUnknown: ("there is no care task {1}", "没有编号为 {1} 的客户关怀任务")
        case .tasksUnknownLossReason: ("unknown loss reason \"{1}\" (known: {2})", "未知的流失原因“{1}”（可用：{2}）")
        case .tasksLossReasonNotLost: ("a loss reason is recorded only on a task that is lost", "只有已流失的任务才记录流失原因")
        case .tasksLostNeedsReason: ("a lost task records why: give a loss reason ({1})", "已流失的任务须记录原因：请给出流失原因（{1}）")
        case .tasksWonByNotWon:
            (
                "what won the customer back is recorded only on a task that is won back",
                "只有已挽回的任务才记录挽回方式"
            )
        case .tasksBeforeOpened: ("the date {1} is before the task was opened ({2})", "日期 {1} 早于任务创建日（{2}）")
        case .tasksHeading: ("Care tasks: {1}", "客户关怀任务：{1} 项")
        case .tasksNone: ("No care task matches.", "没有符合条件的客户关怀任务。")
        case .tasksID: ("task", "任务")
        case .tasksCustomer: ("customer", "客户")
        case .tasksStatus: ("status", "状态")
        case .tasksReason: ("reason", "原因")
        case .tasksOwner: ("owner", "负责人")
        case .tasksOpened: ("opened", "创建日")
        case .tasksClosed: ("closed", "关闭日")
        case .tasksNote: ("note", "备注")
        case .tasksLossReason: ("loss reason", "流失原因")
        case .tasksWonBy: ("won back by", "挽回方式")
        case .tasksUpdatedBy: ("updated by", "更新人")
        case .tasksUpdated: ("updated", "更新日")
        case .tasksValueAtRisk: ("value at risk", "风险价值")
        case .tasksSummaryHeading: ("Care tasks by status", "按状态统计的客户关怀任务")
        case .tasksLossHeading: ("Lost customers by reason", "按原因统计的流失客户")
        case .tasksWinBackRate: ("Win-back rate: {1} ({2} won back, {3} lost)", "挽回率：{1}（挽回 {2} 位，流失 {3} 位）")
        case .tasksWinBackNone: ("Win-back rate: no task is closed as won back or lost yet.", "挽回率：尚无已挽回或已流失的任务。")
        case .tasksWorked: ("What won customers back", "挽回客户的方式")
        case .tasksUpdatedLine: ("Task {1} is now {2}.", "任务 {1} 现为{2}。")
        case .tasksDue: ("due", "到期日")
        case .tasksLostBySegment: ("Lost customers by RFM segment (latest run)", "按 RFM 客户群统计的流失客户（最近一次分析运行）")
        case .tasksLostByTier: ("Lost customers by value tier (latest run)", "按价值层级统计的流失客户（最近一次分析运行）")
        case .careBirthday: ("birthday", "生日关怀")
        case .careAnniversary: ("anniversary of the first purchase", "首次购买周年纪念")
        case .careAfterPurchase: ("follow-up after a purchase", "购买后回访")
        case .careAfterComplaint: ("follow-up after a resolved complaint", "投诉解决后回访")
        case .careHeading:
            (
                "Scheduled care as of {1}: occasions due {2} to {3} ({4} in all)",
                "截至 {1} 的关怀日程：{2} 至 {3} 到期的关怀（共 {4} 项）"
            )
        case .careCounts:
            ("{1} care tasks opened, {2} already in the task list", "新建客户关怀任务 {1} 项，{2} 项已在任务列表中")
        case .careNone: ("No occasion falls due in this window.", "该时间窗口内没有到期的关怀。")
        case .careOccasion: ("occasion", "关怀类型")
        case .careScheduleRange:
            (
                "the care schedule's days must be 0 to 3660 (after_purchase_days, after_complaint_days, lead_days, grace_days)",
                "关怀日程的天数须在 0 至 3660 之间（after_purchase_days、after_complaint_days、lead_days、grace_days）"
            )
        case .reportComplaintsTitle: ("Complaint resolution times", "投诉处理时效")
        case .reportComplaintsIntro:
            (
                "{1} complaints opened by {2}, against a target of {3} hours: median {4} hours to resolve, 90th percentile {5}; {6} resolved within the target, {7} still open.",
                "截至 {2} 共 {1} 项投诉，处理时限 {3} 小时：解决用时中位数 {4} 小时，90% 分位 {5} 小时；时限内解决 {6}，仍未解决 {7}。"
            )
        case .analyzeCare: ("Scheduled care", "关怀日程")
        case .analyzeCareDetail: ("{1} opened, {2} already in the list", "新建 {1} 项，{2} 项已在列表中")
        case .customerLifecycleTitle: ("Lifecycle ({1})", "生命周期（{1}）")
        case .customerFromRun: ("from analysis run {1}", "取自分析运行 {1}")
        case .customerComputedNow:
            (
                "computed now over every customer: no analysis run at this date",
                "基于全体客户即时计算：该日期没有分析运行"
            )
        case .customerRunStage:
            ("The run stored {1}; the customer's data has changed since.", "分析运行中记为{1}；此后该客户的数据有变化。")
        case .customerWarning: ("Churn warning: {1}", "流失预警：{1}")
        case .customerValueAtRisk:
            ("Value at risk {1} = CLV {2} × P(churn) {3}", "风险价值 {1} = 客户终身价值 {2} × 流失概率 {3}")
        case .customerNoWarning: ("No churn warning.", "无流失预警。")
        case .customerTasksTitle: ("Care tasks ({1})", "客户关怀任务（{1} 项）")
        case .customerActiveTasks: ("Care tasks to follow up: {1}", "待跟进的客户关怀任务：{1} 项")
        case .customerPAlive: ("P(alive) {1} ({2})", "活跃概率 {1}（{2}）")
        case .acquisitionNoTransactions: ("no transactions are stored", "尚未导入交易记录")
        case .acquisitionNoSpend:
            (
                "no marketing spend is tagged acquisition or retention: import marketing spend with a purpose column (acquisition or retention) and a channel",
                "没有标明获客或保留用途的营销投入：请导入含用途列（获客或保留）及渠道列的营销投入"
            )
        case .acquisitionMarginRange: ("the margin must be above 0 and at most 1, not {1}", "利润率须大于 0 且不超过 1，而不是 {1}")
        case .acquisitionHeading:
            (
                "Acquisition cost by channel and cohort, to {1} (margin {2}; CLV {3})",
                "按渠道与获客月份的获客成本，截至 {1}（利润率 {2}；客户终身价值 {3}）"
            )
        case .acquisitionCLVRun: ("from analysis run {1} over {2} months", "取自分析运行 {1}，{2} 个月")
        case .acquisitionNoCLV: ("none: no analysis run has CLV", "无：没有含客户终身价值的分析运行")
        case .recoveryHeading:
            (
                "Service recovery to {1}: retention within {2} days after a customer's first complaint, by resolution time, against {3} customers who never complained",
                "服务补救（截至 {1}）：按处理用时分组，客户首次投诉后 {2} 天内的留存，对照 {3} 位从未投诉的客户"
            )
        case .recoveryPoints: ("{1} pp", "{1} 个百分点")
        case .recoveryBand: ("resolution", "处理用时")
        case .recoveryUpTo: ("within {1} h", "{1} 小时内")
        case .recoveryLater: ("later", "更久")
        case .recoveryUnresolved: ("not resolved in the window", "窗口内未解决")
        case .recoveryCustomers: ("customers", "客户数")
        case .recoveryRetained: ("retained", "留存数")
        case .recoveryRetention: ("retention", "留存率")
        case .recoveryBaseline: ("never complained", "未投诉客户留存率")
        case .recoveryDifference: ("difference", "差异")
        case .recoveryMeanCLV: ("mean CLV", "平均终身价值")
        case .recoveryBaselineCLV: ("CLV, never complained", "未投诉客户终身价值")
        case .recoveryNote:
            (
                "Never complained: customers without a complaint who bought in the 365 days up to each complaint's day, their retention in the same window after it, averaged over the band's complaints. An observational comparison, not an experiment: customers who complain differ in other ways too. CLV from the latest analysis run.",
                "未投诉客户：在每项投诉当日之前 365 天内有购买、且从未投诉的客户，计其在同一窗口内的留存率，并按该组投诉取平均。这是观察性比较而非实验：投诉的客户在其他方面也可能不同。终身价值取自最近一次分析运行。"
            )
        case .recoveryNoComplaints:
            (
                "no complaint was opened {1} days or more before {2}: there is no full window to measure retention in",
                "没有在 {2} 之前 {1} 天或更早提出的投诉：没有完整的窗口可用于衡量留存"
            )
        case .recoveryWindowRange: ("the window must be 1 to 3660 days, not {1}", "窗口须为 1 至 3660 天，而不是 {1}")
        case .acquisitionCohort: ("cohort", "获客月份")
        case .acquisitionChannel: ("channel", "渠道")
        case .acquisitionCustomers: ("customers", "获客数")
        case .acquisitionSpend: ("acquisition spend", "获客投入")
        case .acquisitionCost: ("cost per customer", "单客获客成本")
        case .acquisitionMeanCLV: ("mean CLV", "平均终身价值")
        case .acquisitionCLVToCost: ("CLV : cost", "终身价值 : 获客成本")
        case .acquisitionPayback: ("payback months", "回本月数")
        case .acquisitionAll: ("all", "全部")
        case .acquisitionNoChannel: ("(no channel)", "（无渠道）")
        case .acquisitionTotals:
            (
                "Winning a customer: {1} spent, {2} customers acquired in those months, {3} each.",
                "获客：投入 {1}，当月获客 {2} 位，单客 {3}。"
            )
        case .acquisitionRetention:
            (
                "Keeping a customer: {1} spent, {2} customers bought again in those months, {3} each.",
                "保留：投入 {1}，当月再次购买的客户 {2} 位，单客 {3}。"
            )
        case .acquisitionRatio: ("A new customer cost {1} times what keeping one did.", "获取一位新客户的成本是保留一位老客户的 {1} 倍。")
        case .acquisitionNoRatio:
            (
                "No ratio of acquisition to retention cost: the data lacks spend or customers of one of them.",
                "无法计算获客与保留成本之比：缺少其中一方的投入或客户。"
            )
        case .acquisitionNotes:
            (
                "Spend is attributed to the customers the channel acquired in the same month; a customer's cohort is the acquisition date on file, else the first purchase. Payback: the first month of age (0 = the acquisition month) at which the cumulative margin per customer reaches the cost; empty = not yet. The margin is an assumption unless it is your own.",
                "投入按同月由该渠道获取的客户分摊；客户的获客月份取档案中的获客日期，缺失时取首次购买月份。回本月数：每位客户累计利润首次达到获客成本的月龄（0 = 获客当月）；空白 = 尚未回本。利润率为假设值，除非是您自己的数据。"
            )
        case .clvThisRun: ("CLV of this run (BG/NBD + Gamma-Gamma)", "客户终身价值取自本次运行（BG/NBD + Gamma-Gamma）")
        case .cohortsCohort: ("cohort", "获客月份")
        case .cohortsHeading:
            (
                "Cohorts by month of the first purchase: {1} by month of age, to {2}",
                "按首次购买月份划分的客户群：各月龄的{1}，截至 {2}"
            )
        case .cohortsRetention: ("retention", "留存率")
        case .cohortsRevenue: ("revenue", "收入")
        case .cohortsActive: ("active customers", "活跃客户数")
        case .skipModelNotConverged: ("the BG/NBD fit did not converge: {1}", "BG/NBD 拟合未收敛：{1}")
        case .skipNoRetention:
            (
                "no retention rate can be measured: nobody bought in the {1} days before {2} (the data is shorter than two current-value windows)",
                "无法测得留存率：{2} 之前的 {1} 天内无人购买（数据短于两个当期价值窗口）"
            )
        case .skipNoRetentionNoModel:
            (
                "the purchase model could not be fitted, and no retention rate can be measured: nobody bought in the {1} days before {2} (the data is shorter than two current-value windows)",
                "购买模型无法拟合，且无法测得留存率：{2} 之前的 {1} 天内无人购买（数据短于两个当期价值窗口）"
            )
        case .skipNoPayments: ("no payments imported", "未导入付款记录")
        case .skipNoCreditMonth:
            (
                "no calendar month is fully covered by the payments ({1} to {2}) on or before {3}",
                "在 {3} 及之前，没有一个自然月被付款记录（{1} 至 {2}）完整覆盖"
            )
        case .skipHistoryMismatch: ("the purchase history and the summary disagree", "购买历史与汇总表不一致")
        case .skipNeedsLifecycle: ("needs the lifecycle stages, which could not be made", "需要生命周期阶段，但未能得出")
        case .skipNeedsWarnings: ("needs the warnings, which could not be made", "需要流失预警，但未能得出")
        case .analyzeHeading: ("Analysis run {1}{2} as of {3}", "分析运行 {1}{2}，截至 {3}")
        case .analyzeCustomers: ("Customers", "客户数")
        case .analyzeRevenue: ("Revenue", "总收入")
        case .analyzeRepeatRate: ("Repeat rate", "复购率")
        case .analyzeRepeatDetail: (" ({1} customers bought again)", "（{1} 位客户有重复购买）")
        case .analyzeTotalCLV: ("Total CLV", "终身价值合计")
        case .analyzeCLVDetail: (" over {1} months (discount {2}/month, margin {3})", "，{1} 个月（月折现率 {2}，利润率 {3}）")
        case .analyzeMeanPAlive: ("Mean P(alive)", "平均活跃概率")
        case .analyzeMeanPAliveDetail: (" (BG/NBD: every one-time buyer counts as alive)", "（BG/NBD：只购买一次的客户都算作活跃）")
        case .analyzeGroups: ("Groups", "价值矩阵")
        case .analyzeSegments: ("Segments", "客户群")
        case .analyzeTiers: ("Tiers", "价值层级")
        case .analyzeCredit: ("Credit grades", "信用等级")
        case .analyzeCreditMonth: (" (month {1})", "（{1} 月）")
        case .analyzeProfit: ("Profit", "利润")
        case .analyzeProfitDetail:
            (
                "revenue × margin {1}: no costs were imported, so CLV, value and tiers assume this margin",
                "收入 × 利润率 {1}：未导入成本，终身价值、价值与层级均按此利润率假设"
            )
        case .analyzeStages: ("Lifecycle", "生命周期")
        case .analyzeStagesDetail: (" (P(alive) from {1})", "（活跃概率来自 {1}）")
        case .analyzePatterns: ("Patterns", "生命周期模式")
        case .analyzeWarnings: ("Warnings", "流失预警")
        case .analyzeWarningsDetail: ("{1} customers, value at risk {2}", "{1} 位客户，风险价值 {2}")
        case .analyzeTasks: ("Care tasks", "客户关怀")
        case .analyzeTasksDetail:
            (
                "{1} opened, {2} already open, {3} closed as won back",
                "新建 {1} 项，{2} 项已在跟进，{3} 项因再次购买而挽回"
            )
        case .analyzeSkipped: ("Skipped", "跳过")
        case .analyzeNext: ("Next: ", "下一步：")
        // Profit basis (every profit figure says when it assumes margin 1).
        case .profitMarginOneEverywhere:
            (
                "profit assumes margin 1: no cost or margin was imported, so profit is revenue",
                "利润按毛利率 1 计算：未导入成本或毛利率，利润即收入"
            )
        case .profitMarginOneOnSome:
            (
                "profit assumes margin 1 on the {1} of rows without a cost (profit = revenue there)",
                "没有成本的 {1} 交易行按毛利率 1 计算利润（利润即收入）"
            )
        case .profitFromMargin: ("revenue × margin {1}", "收入 × 毛利率 {1}")
        case .profitFromCosts:
            ("revenue − cost on {1} of rows, revenue × margin {2} on the rest", "{1} 的交易行为收入 − 成本，其余为收入 × 毛利率 {2}")
        case .profitDefinition: ("Profit = revenue − cost of goods − discounts; ", "利润 = 收入 − 销货成本 − 折扣；")
        case .profitNoCostColumn:
            ("no cost column: cost of goods = revenue × (1 − margin {1})", "没有成本列：销货成本 = 收入 × (1 − 毛利率 {1})")
        case .profitCostRecorded: ("cost recorded on {1} of rows", "{1} 的交易行记录了成本")
        case .profitServiceCostsMissing: ("; service and interaction costs are not in the data yet", "；数据中尚无服务与互动成本")
        case .labelled: ("{1}: {2}", "{1}：{2}")
        case .comma: (", ", "，")
        case .labelNote: ("Note", "注")
        case .labelProfit: ("Profit", "利润")
        case .labelCaveat: ("Caveat", "提示")
        case .measureRevenue: ("revenue", "收入")
        case .measureProfit: ("profit", "利润")
        case .measureMargin: ("margin", "毛利")
        case .measureRevenueTitle: ("Revenue", "收入")
        case .measureMarginTitle: ("Margin", "毛利")
        // Value matrix.
        case .valueDataLine: ("Data: {1}: {2} customers to {3}", "数据：{1}：{2} 位客户，截至 {3}")
        case .valueCurrentLine:
            (
                "Current value: profit after {1} ({2} months = {3} days); historical value: profit to {1}",
                "当前价值：{1} 之后的利润（{2} 个月 = {3} 天）；历史价值：截至 {1} 的利润"
            )
        case .valueHorizon: ("{1} months, discount {2}/month", "{1} 个月（月折现率 {2}）")
        case .valuePotentialByModel: ("Potential value: CLV over {1} × margin ({2})", "潜在价值：未来 {1}的终身价值 × 利润率（{2}）")
        case .valuePotentialByPresentValue:
            ("Potential value: present value of current profit over {1}, {2}", "潜在价值：当前利润在未来 {1}内的现值，{2}")
        case .valueRetention: ("retention {1}/year = {2}%/month", "保留率每年 {1} = 每月 {2}%")
        case .valueThresholds: ("Thresholds: current {1}, potential {2}", "阈值：当前价值 {1}，潜在价值 {2}")
        case .valueThresholdRule: ("{1} ({2}): {3}", "{1}（{2}）：{3}")
        case .valueAxisCurrent: ("current", "当前价值")
        case .valueAxisPotential: ("potential", "潜在价值")
        case .valueAxisBoth: ("both", "两个阈值")
        case .valueMatrixHeaders:
            (
                "Group|Customers|Share|Current value|Share|Potential value|Share|Strategy",
                "客户类型|客户数|占比|当前价值|占比|潜在价值|占比|策略"
            )
        case .valueWhy: ("Why:", "理由：")
        case .valueCubeTitle:
            ("Value cube (behaviour clusters by k-means inside each group):", "价值立方（各类型内的行为聚类，k-means）：")
        case .valueCubeHeaders:
            (
                "Group|Cluster|Customers|Repeat days|Recency days|Basket|Tenure days|Profile",
                "客户类型|聚类|客户数|重复购买|距上次购买天数|客单价|客龄天数|特征"
            )
        // Concentration and tiers.
        case .paretoHeaders: ("|Revenue|Profit", "|收入|利润")
        case .paretoTotal: ("Total", "合计")
        case .paretoGini: ("Gini", "基尼系数")
        case .paretoMaking80: ("Customers making 80 %", "贡献 80% 的客户")
        case .paretoTop20Share: ("Share of the top 20 %", "前 20% 客户的占比")
        case .paretoCurveHeaders: ("Top customers|Revenue share|Profit share", "前 x% 客户|收入占比|利润占比")
        case .tiersHeaders: ("Tier|Customers|Revenue|Revenue share|Profit|Profit share", "价值层级|客户数|收入|收入占比|利润|利润占比")
        case .tiersCustomerHeaders: ("customer_id|revenue|cost_of_goods|discounts|profit|tier", "客户编号|收入|销货成本|折扣|利润|层级")
        case .tiersKeyAccounts: ("Key accounts (top {1} by {2}):", "大客户（按{2}前 {1} 名）：")
        case .tiersLargeUnprofitable:
            (
                "Large but unprofitable (top {1} by revenue, low profit tier or a loss): {2}",
                "收入大但不盈利的客户（收入前 {1}，利润处于低层级或为负）：{2} 位"
            )
        // Scores and weights.
        case .scoresTitle:
            (
                "Composite value score as of {1}: {2} customers; current window: {3} months ({4} to {1})",
                "综合价值评分（截至 {1}）：{2} 位客户；当前窗口：{3} 个月（{4} 至 {1}）"
            )
        case .scoresWeights: ("Weights: {1}", "权重：{1}")
        case .scoresWeightHeaders: ("indicator|direction|weight", "指标|方向|权重")
        case .scoresRankHeaders: ("rank|customer_id|score", "排名|客户编号|得分")
        case .scoresExplainTitle: ("Customer {1}: score {2}, rank {3} of {4}", "客户 {1}：得分 {2}，排名 {3} / {4}")
        case .scoresExplainHeaders: ("indicator|direction|value|normalised|weight|points", "指标|方向|数值|标准化|权重|得分")
        case .wroteCustomers: ("Wrote {1} customers to {2}", "已将 {1} 位客户写入 {2}")
        case .weightsEntropyTitle: ("Entropy weights of {1} indicators over {2} rows", "熵值法权重：{1} 个指标，{2} 行")
        case .weightsEntropyHeaders: ("indicator|direction|entropy|1 − entropy|weight", "指标|方向|熵值|1 − 熵值|权重")
        case .weightsAHPTitle: ("AHP weights (principal eigenvector) of {1} criteria", "层次分析法权重（主特征向量）：{1} 个准则")
        case .weightsAHPHeaders: ("criterion|weight", "准则|权重")
        case .weightsAHPConsistency: ("{1}: consistent", "{1}：通过一致性检验")
        // Credit.
        case .creditTitle: ("Credit grades by {1} as of {2}, rules: {3}", "信用等级（按{1}），截至 {2}，规则：{3}")
        case .creditByMonth: ("month", "月")
        case .creditByQuarter: ("quarter (last 3 months)", "季度（最近 3 个月）")
        case .creditByHalf: ("half-year (last 6 months)", "半年（最近 6 个月）")
        case .creditBuiltInRules: ("built-in", "内置")
        case .creditCountOne: (" (1 grade)", "（共 1 条评级）")
        case .creditCount: (" ({1} grades)", "（共 {1} 条评级）")
        case .creditHeaders:
            (
                "customer_id|period|grade|overdue_days|overdue_amount|payment_ratio|reason",
                "客户编号|期间|等级|逾期天数|逾期金额|付款比例|理由"
            )
        case .cliCreditMore:
            ("… and {1} more (--limit N, or --format csv for every row)", "…… 另有 {1} 条（--limit N，或用 --format csv 查看全部）")
        // Elasticity.
        case .elasticityTitle:
            (
                "Value elasticity: {1} per unit of marketing spend, {2} to {3} ({4} months), by {5}",
                "价值弹性：每单位营销投入带来的{1}，{2} 至 {3}（{4} 个月），按{5}"
            )
        case .elasticityRFMGroups: ("RFM segments ({1})", "RFM 客户群（{1}）")
        case .elasticityMarketingGroups: ("segments of the marketing file", "营销文件中的客户群")
        case .elasticityOverall:
            (
                "Overall: spend {1}, {2} of reached customers {3}, elasticity {4}",
                "总体：投入 {1}，触达客户的{2} {3}，弹性 {4}"
            )
        case .elasticityHeaders:
            (
                "Rank|Group|Customers|Spend|{1}|Elasticity|Log-log slope (months)|Suggested spend|Change|Expected {2}",
                "排名|客户群|客户数|投入|{1}|弹性|对数斜率（月数）|建议投入|变化|预期{2}"
            )
        case .elasticityBudget:
            (
                "Budget {1} split with each group within ±{2} of its current spend: suggested total {3}; expected {4} "
                    + "{5} (now {6}) if each group keeps its ratio.",
                "预算 {1} 的分配（各群投入变化不超过当前的 ±{2}）：建议合计 {3}；若各群保持其弹性，预期{4} {5}（现为 {6}）。"
            )
        case .elasticityCustomersTitle: ("Customers by elasticity ({1} of {2}):", "按弹性排列的客户（{2} 位中的 {1} 位）：")
        case .elasticityCustomerHeaders: ("Rank|customer_id|Group|Spend|{1}|Elasticity", "排名|客户编号|客户群|投入|{1}|弹性")
        case .elasticityCaveats: ("Caveats:", "提示：")
        case .cliAddForce: ("add --force to replace it", "如确需覆盖，请加 --force")
        case .cliOptions: ("options: {1}", "可用的选项：{1}")
        case .cliNameColumn: ("name the column with --map FIELD=COLUMN", "用 --map 字段=列名 指定列")
        case .cliNameIgnoredColumn: (" (name one with --map FIELD=COLUMN)", "（可用 --map 字段=列名 指定）")
        case .cliImportFirst: ("run `cvm import {1} FILE` first", "请先运行 `cvm import {1} FILE`")
        case .cliAnalyzeFirst: ("run `cvm analyze` first", "请先运行 `cvm analyze`")
        case .cliInit:
            ("run `cvm init` to create one, or pass --database PATH", "请先运行 `cvm init` 创建数据库，或用 --database PATH 指定")
        case .cliOtherDatabase: ("choose another --database", "请用 --database 另选数据库")
        case .cliUpgrade: ("upgrade cvm to open it", "请升级 cvm 后再打开")
        case .cliUnreadableFile: ("cannot read the file: {1}", "无法读取文件：{1}")
        case .sentenceEnd: (".", "。")
        case .sparkNoInput: ("no input file for Spark", "未给出 Spark 读取的输入文件")
        case .sparkMissingInput: ("there is no file or folder {1}", "文件或文件夹 {1} 不存在")
        case .sparkCalibrationAfterEnd:
            ("the calibration end {1} is after the observation end {2}", "校准期结束日 {1} 晚于观察期结束日 {2}")
        case .sparkJobMissing: ("cvm's Spark job is missing from this installation", "此安装中缺少 cvm 的 Spark 作业文件")
        case .sparkFailed: ("Spark failed (exit status {1}):\n{2}", "Spark 运行失败（退出码 {1}）：\n{2}")
        case .sparkSubmitMissing: ("cannot run spark-submit at {1}", "无法运行 {1} 处的 spark-submit")
        case .sparkNotInstalled:
            (
                "Spark is not installed: spark-submit is neither in $SPARK_HOME/bin nor on PATH (`pip install pyspark` installs it; Spark needs Java 17 or later)",
                "未安装 Spark：$SPARK_HOME/bin 和 PATH 中都没有 spark-submit（可用 `pip install pyspark` 安装；Spark 需要 Java 17 或更高版本）"
            )
        case .sparkNoCustomers:
            ("no customer has a purchase on or before the calibration end", "校准期结束日之前没有任何客户的购买记录")
        case .sparkSkipped: ("Spark left out {1} rows that could not be read", "Spark 跳过了 {1} 行无法读取的数据")
        case .summaryHeadline:
            (
                "Summary as of {1} in {2}: {3} customers, {4} repeat customers ({5}), revenue {6}",
                "截至 {1} 的客户汇总（单位：{2}）：{3} 位客户，{4} 位有重复购买（{5}），总收入 {6}"
            )
        case .relComplaintsTitle:
            (
                "Complaint resolution times: {3} complaints as of {1}, target {2} hours",
                "投诉处理时效：截至 {1} 的 {3} 项投诉，时限 {2} 小时"
            )
        case .relComplaintHeaders:
            (
                "{1}|complaints|resolved|open|median h|p90 h|open share|within target|satisfaction|satisfaction (0–1)",
                "{1}|投诉|已解决|未解决|中位小时|90%分位小时|未解决占比|时限内解决|满意度|满意度(0–1)"
            )
        case .relByCategory: ("category", "类别")
        case .relByCustomer: ("customer", "客户")
        case .relOverall: ("overall", "合计")
        case .relNoCategory: ("(no category)", "（无类别）")
        case .relNoOwner: ("(no owner)", "（无负责人）")
        case .relWithinTargetNote:
            (
                "Within target: of the complaints resolved or already open longer than the target, the share "
                    + "resolved within it (open ones still inside the target are not counted). Satisfaction: the "
                    + "rating after resolution, on its scale.",
                "时限内解决：已解决及已超时未解决的投诉中，在时限内解决的占比（未超时的未解决投诉不计）。满意度：处理后的评分，按其量表。"
            )
        case .relCustomerTitle: ("Customer {1} (as of {2})", "客户 {1}（截至 {2}）")
        case .relProfile: ("Profile", "档案")
        case .relMonthsTitle: ("Value by month", "按月价值")
        case .relMonthHeaders: ("month|revenue|purchase days", "月份|收入|购买天数")
        case .relSummaryTitle: ("RFM summary", "RFM 汇总")
        case .relSummaryHeaders:
            ("orders|purchase days|revenue|first|last|recency days|R|F|M|segment", "订单|购买天数|收入|首购|末购|距今天数|R|F|M|细分")
        case .relPredictionsTitle: ("Predictions (analysis run {1}, as of {2})", "预测（分析运行 {1}，截至 {2}）")
        case .relHorizon: ("over {1} months", "未来 {1} 个月")
        case .relNoPredictions: ("Predictions: no stored analysis run has this customer", "预测：尚无包含该客户的分析运行")
        case .relInteractionsTitle: ("Interactions ({1}, latest first)", "客户接触（{1} 次，最近的在前）")
        case .relInteractionHeaders: ("date|channel|owner|outcome|direction|stage|note", "日期|方式|负责人|结果|方向|阶段|备注")
        case .relComplaintsOfCustomer: ("Complaints ({1}, latest first)", "投诉（{1} 项，最近的在前）")
        case .relCustomerComplaintHeaders:
            ("opened|id|category|severity|resolved|hours|resolution|satisfaction", "投诉日期|编号|类别|严重程度|解决|小时|处理结果|满意度")
        case .relKeyAccount: ("key account", "大客户")
        case .relVisitPlanTitle: ("Visit plan (key account)", "拜访计划（大客户）")
        case .relLastContact: ("Last contact: {1} ({2} days ago)", "最近接触：{1}（{2} 天前）")
        case .relNoContact: ("Last contact: none on record", "最近接触：无记录")
        case .relNextContactUsual:
            ("Next contact: {1} (the customer's usual interval of {2} days)", "下次接触：{1}（该客户通常的接触间隔 {2} 天）")
        case .relNextContactDefault:
            (
                "Next contact: {1} (too few contacts for a rhythm; the default interval of {2} days)",
                "下次接触：{1}（尚无足够接触记录，按默认间隔 {2} 天）"
            )
        case .relOverdue: ("overdue by {1} days", "已逾期 {1} 天")
        case .relNotOverdue: ("not overdue", "未逾期")
        case .relOverdueComplaints: ("Complaints open beyond the target: {1}", "逾期未解决的投诉：{1} 项")
        case .relOpen: ("open", "未解决")
        case .relOwnersTitle: ("Owners ({1} to {2})", "客户经理（{1} 至 {2}）")
        case .relOwnerHeaders:
            ("owner|customers|revenue|CLV|key accounts|one-person customers", "负责人|客户|收入|CLV|大客户|单人维系客户")
        case .relOnePersonTitle:
            (
                "Customers whose whole relationship hangs on one person: {1} (two or more interactions in the period, all with one person)",
                "完全依赖一人维系的客户：{1} 位（期间两次以上接触，全部由同一人完成）"
            )
        case .relOnePersonHeaders: ("customer|person|revenue|CLV|interactions", "客户|负责人|收入|CLV|接触")
        case .relHandOverTitle: ("Hand-over list of {1}: {2} customers, {3}", "{1} 的交接清单：{2} 位客户，{3}")
        case .relByCLV: ("by CLV", "按 CLV 排序")
        case .relByRevenue: ("by revenue in the period (no CLV yet)", "按期间收入排序（尚无 CLV）")
        case .relHandOverHeaders:
            (
                "customer|revenue|CLV|key account|last interaction|with|open complaints",
                "客户|收入|CLV|大客户|最近接触|接触人|未解决投诉"
            )
        case .relOwnerFromInteractions:
            (
                "Customers without an owner on file are counted with the owner of their latest interaction.",
                "无客户经理的客户，归于其最近一次接触的负责人。"
            )
        case .relMoreRows: ("… {1} more rows (the CSV output has all of them)", "……另有 {1} 行（CSV 输出含全部）")
        case .relFieldType: ("type", "客户类型")
        case .relFieldEmail: ("email", "邮箱")
        case .relFieldPhone: ("phone", "电话")
        case .relFieldRegion: ("region", "地区")
        case .relFieldIndustry: ("industry", "行业")
        case .relFieldAgeBand: ("age band", "年龄段")
        case .relFieldGender: ("gender", "性别")
        case .relFieldIncomeBand: ("income band", "收入")
        case .relFieldAcquired: ("acquired", "获客日期")
        case .relFieldChannel: ("channel", "获客渠道")
        case .relFieldOwner: ("owner", "客户经理")
        case .relFieldTags: ("tags", "标签")
        case .relFieldBirthday: ("birthday", "生日")
        case .surveyAllRespondents: ("All respondents", "全部受访者")
        case .surveyGroup: ("Group {1}", "客户群 {1}")
        case .surveyResponses: ("{1}: {2} responses ({3} anonymous), scale {4}", "{1}: {2} 份答卷（匿名 {3} 份），量表 {4}")
        case .surveyNPS:
            (
                "NPS {1} (95% CI {2} … {3}; {4} promoters, {5} passives, {6} detractors of {7})",
                "NPS {1} (95% CI {2} … {3}; 推荐者 {4}、中立者 {5}、贬损者 {6}，共 {7} 人）"
            )
        case .surveyMeanSatisfaction: ("Mean overall satisfaction {1}", "总体满意度均值 {1}")
        case .surveyStatedWeights: ("weighted by stated importance", "按陈述重要性加权")
        case .surveyEqualWeights: ("equal weights: no importance was asked", "等权：未询问重要性")
        case .surveyIndex: ("Satisfaction index (0–100, {1}): {2}", "满意度指数（0–100，{1}）：{2}")
        case .surveyGap:
            (
                "Gap (performance − expectation): average {1}, weighted {2}; each respondent's worst, averaged {3}",
                "期望差距（表现 − 期望）：平均 {1}，加权 {2}；每位受访者最差一项的平均 {3}"
            )
        case .surveyWeakest: ("Weakest link: attribute {1}", "最短板（木桶效应）：属性 {1}")
        case .surveyWeakestStage: (", journey stage {1}", "，旅程阶段 {1}")
        case .surveyAttributeHeaders:
            (
                "attribute|stage|answers|importance|expected|adequate|performance|gap|weight|zone of tolerance",
                "属性|阶段|答卷|重要性|期望|最低期望|表现|差距|权重|容忍区"
            )
        case .surveyBelowAdequate: ("; {1} below adequate", "；{1} 低于最低期望")
        case .surveyStageHeaders: ("journey stage|answers|performance|gap", "旅程阶段|答卷|表现|差距")
        case .ipaStated: ("stated importance", "陈述重要性")
        case .ipaDerived: ("derived importance (OLS of satisfaction on performance)", "推导重要性（总体满意度对各属性表现的回归）")
        case .ipaHeading:
            (
                "Importance–performance analysis, {1}; crosshairs at the means: importance {2}, performance {3}",
                "重要性–表现分析，{1}；十字线取均值：重要性 {2}，表现 {3}"
            )
        case .ipaRegression: ("Regression: {1} complete responses, R² {2}", "回归：{1} 份完整答卷，R² {2}")
        case .ipaHeaders: ("attribute|importance|SE|performance|quadrant", "属性|重要性|标准误|表现|象限")
        case .competitorsHeading:
            (
                "Competitor {1}: relative customer value {2} (above 1: the firm is rated better)",
                "竞争对手 {1}：相对顾客价值 {2}（大于 1 表示本企业评价更高）"
            )
        case .competitorsHeaders:
            (
                "attribute|answers|firm|competitor|gap (competitor − firm)|95% CI",
                "属性|答卷|本企业|对手|差距（对手 − 本企业）|95% 置信区间"
            )
        case .deliveredHeaders:
            (
                "offer|provider|total value|total cost|delivered value|ratio|firm cost|firm margin",
                "产品|提供方|顾客总价值|顾客总成本|让渡价值|价值/成本|企业成本|企业毛利"
            )
        case .deliveredTheFirm: ("the firm", "本企业")
        case .loyaltyHeading:
            (
                "{1} customers who answered an overall satisfaction and bought; entropy weights: {2}",
                "{1} 位回答了总体满意度且有购买的客户；熵权：{2}"
            )
        case .loyaltyHeaders: ("link|r|95% CI|n", "关联|相关系数 r|95% 置信区间|人数")
        case .loyaltySatisfactionLoyalty: ("satisfaction → loyalty index", "满意度 → 忠诚指数")
        case .loyaltyLoyaltyValue: ("loyalty index → {1}", "忠诚指数 → {1}")
        case .loyaltySatisfactionValue: ("satisfaction → {1}", "满意度 → {1}")
        case .journeyHeaders:
            (
                "journey stage|answers|performance|performance (0–100)|gap",
                "旅程阶段|答卷|表现|表现（0–100）|差距"
            )
        case .loyaltyCLV12: ("12-month CLV", "12 个月客户终身价值")
        case .loyaltyRevenueToDate: ("revenue to date", "累计收入")
        case .loyaltySlope:
            (
                "A 1-point rise in satisfaction (on {1}) goes with {2} more {3} per customer (95% CI {4} … {5}), {6} of "
                    + "the mean; an association over {7} respondents, not proof of cause.",
                "满意度（{1} 分制）每高 1 分，每位客户的{3}平均多 {2}（95% 置信区间 {4} … {5}），相当于均值的 {6}；"
                    + "这是 {7} 位受访者中的关联，并非因果证明。"
            )
        case .journeyBottleneck: ("Bottleneck stage: {1}", "瓶颈阶段：{1}")
        case .summaryHoldout: ("; holdout to {1}: {2} repeat purchase days", "；保留期至 {1}：{2} 个重复购买日")
        case .sentenceThen: ("{1} {2}", "{1}{2}")
        case .elasticityAverageReturn:
            (
                "Elasticity is an average return: it credits all {1} of the reached customers to the spend, and cannot "
                    + "tell what they would have bought anyway.",
                "弹性是平均回报：它把触达客户的全部{1}都归于投入，无法区分他们本来就会购买的部分。"
            )
        case .cliDemoDashboard:
            (
                "The dashboard: `{1}`, then open http://127.0.0.1:8080 and log in as {2} with the password {3}",
                "仪表盘：运行 `{1}`，然后打开 http://127.0.0.1:8080，以 {2} 登录，密码 {3}"
            )
        case .cliDemoServeNow: ("Start the dashboard now? [y/N]", "现在启动仪表盘吗？[y/N]")
        case .cliWebLoginHelp:
            (
                "An admin gives you a password with: cvm users password NAME. One of your API tokens works as a "
                    + "password too.",
                "管理员用以下命令为你设置密码：cvm users password 用户名。你的 API 令牌也可以当作密码使用。"
            )
        case .webActiveShare: ("In an active stage (exploration, formation, stability)", "处于活跃阶段（考察期、形成期、稳定期）")
        case .webAll: ("All", "全部")
        case .webAllCustomers: ("All customers, by CLV", "全部客户（按 CLV 排序）")
        case .webCSRFRefused:
            (
                "This form has expired or did not come from this site. Reload the page and send it again.",
                "此表单已过期或并非来自本站。请刷新页面后重新提交。"
            )
        case .webChangeFromRun: ("{1} since run {2}", "较运行 {2}：{1}")
        case .webCustomerHeaders:
            (
                "Customer|Name|Region|Owner|RFM segment|Value group|Tier|Revenue|CLV|Score",
                "客户|名称|地区|负责人|RFM 细分|价值分组|层级|收入|CLV|得分"
            )
        case .webCustomers: ("Customers", "客户数")
        case .webCustomersFromRun: ("Segments, groups, tiers, CLV and scores from run {1}", "细分、分组、层级、CLV 与得分来自运行 {1}")
        case .webDownloadRun: ("Download every customer's results (CSV)", "下载全部客户的结果（CSV）")
        case .webDownloadTasks: ("Download the tasks (CSV)", "下载任务（CSV）")
        case .webDownloads: ("Downloads", "下载")
        case .webErrorTitle: ("Something went wrong", "出错了")
        case .webExportImports: ("Import history", "导入记录")
        case .webExportRun: ("Every customer's results of the latest run", "最新运行中每位客户的结果")
        case .webExportRuns: ("Analysis runs", "分析运行")
        case .webExportTasks: ("Care tasks", "关怀任务")
        case .webFile: ("CSV file", "CSV 文件")
        case .webFilterButton: ("Filter", "筛选")
        case .webFiltered: ("Showing: {1}.", "当前筛选：{1}。")
        case .webFirstPage: ("First page", "第一页")
        case .webImportFailed: ("Nothing was imported from {1}: {2}", "{1} 未导入任何内容：{2}")
        case .customerSurveysTitle: ("Survey answers (responses: {1})", "调查回答（{1} 份）")
        case .customerSurveyHeaders:
            (
                "Date|Wave|Attribute|Journey stage|Importance|Expected|Performance|Competitor|Satisfaction|"
                    + "Recommend (0–10)|Scale",
                "日期|批次|属性|旅程阶段|重要性|期望|表现|竞争对手|满意度|推荐意愿（0–10）|量表"
            )
        case .customerSurveyOverall: ("overall", "总体")
        case .webTableCSV: ("Download this table (CSV)", "下载此表（CSV）")
        case .reportFirstOf:
            (
                "The first {1} of {2} ({3}); every customer's row is in the run's results export.",
                "仅列出 {2} 位中的前 {1} 位（{3}）；每位客户的数据见运行结果导出。"
            )
        case .webImportRowsFailed:
            (
                "Nothing was imported from {1}: the rows below are invalid. Fix them and import the file again, or "
                    + "tick “{2}”.",
                "{1} 未导入任何内容：下列行有误。请修正后重新导入，或勾选“{2}”。"
            )
        case .webImportHeaders:
            ("Import|Kind|File|Imported at|Rows read|Stored|Duplicates|Rejected", "导入|类型|文件|导入时间|读取行数|已存储|重复|被拒绝")
        case .webImportsTitle: ("Import history", "导入记录")
        case .webJobFailed: ("Failed", "失败")
        case .webJobFinished: ("Finished", "已完成")
        case .webJobHeaders: ("Job|State|Started|Finished|Run", "任务|状态|开始|结束|运行")
        case .webJobRunning: ("Running", "运行中")
        case .webJobStep: ("(step {1} of {2}: {3})", "（第 {1}/{2} 步：{3}）")
        case .webJobTitle: ("Analysis job {1}", "分析任务 {1}")
        case .webJobsTitle: ("Analysis jobs", "分析任务")
        case .webKind: ("Kind of data", "数据类型")
        case .webLoginButton: ("Log in", "登录")
        case .webLoginFailed: ("The user name or the password is wrong.", "用户名或密码错误。")
        case .webLoginTitle: ("Log in", "登录")
        case .webLogout: ("Log out", "退出")
        case .webMonthsSince: ("Months since {1}", "自 {1} 起的月数")
        case .webNPS: ("Net Promoter Score (latest survey)", "净推荐值 NPS（最新调查）")
        case .webNavCustomers: ("Customers", "客户")
        case .webNavData: ("Data", "数据")
        case .webNavLifecycle: ("Lifecycle and churn", "生命周期与流失")
        case .webNavModels: ("Models", "模型")
        case .webNavOverview: ("Overview", "概览")
        case .webNavPortfolio: ("Portfolio", "客户组合")
        case .webNavTasks: ("Care tasks", "关怀任务")
        case .webNavValue: ("Value proposition", "价值主张")
        case .webNavigation: ("Pages", "页面")
        case .webNextPage: ("Next page", "下一页")
        case .webNoCustomers: ("No customer matches.", "没有符合条件的客户。")
        case .webNoFile: ("Choose a file to import.", "请选择要导入的文件。")
        case .webNoImports: ("Nothing has been imported yet.", "尚未导入任何数据。")
        case .webNoRun: ("There is no analysis run yet.", "还没有分析运行。")
        case .webNoRunAction: ("Import data and start a run on the Data page.", "请在“数据”页导入数据并开始一次运行。")
        case .webNoTasks: ("No task matches.", "没有符合条件的任务。")
        case .webNotFound: ("There is no such page or record.", "没有这个页面或记录。")
        case .webNotFoundTitle: ("Not found", "未找到")
        case .webNothingToShow:
            ("This run holds nothing for this page (the data it needs was not imported).", "此运行没有可在本页显示的内容（所需数据尚未导入）。")
        case .webOpenRun: ("Open run {1}", "打开运行 {1}")
        case .webPassword: ("Password", "密码")
        case .webPatternHeaders: ("Pattern|Customers|Share", "模式|客户数|占比")
        case .webPatternsIntro:
            ("Each customer's path through the stages over the run's monthly history.", "每位客户在运行的月度历史中经历各阶段的路径。")
        case .webPatternsTitle: ("Lifecycle patterns", "生命周期模式")
        case .webPercentPoints: ("{1} points", "{1} 个百分点")
        case .webProduct: ("cvm", "cvm 客户价值")
        case .webRefusedTitle: ("Not allowed", "不允许")
        case .webRejectedRows: ("Rejected rows, with the reason for each:", "被拒绝的行及原因：")
        case .webRepeatRate: ("Repeat rate", "重复购买率")
        case .webRevenue: ("Revenue", "收入")
        case .webRoleAdmin: ("admin", "管理员")
        case .webRoleAnalyst: ("analyst", "分析师")
        case .webRoleRefused: ("Your role ({1}) may not do this; it needs {2}.", "你的角色（{1}）不能执行此操作；需要 {2}。")
        case .webRoleViewer: ("viewer", "查看者")
        case .webRowProblemHeaders: ("File|Line|Column|Problem", "文件|行|列|问题")
        case .webRunHeaders: ("Run|Name|As of|Created|Customers|Total CLV", "运行|名称|截至|创建时间|客户数|总 CLV")
        case .webRunName: ("Name (optional)", "名称（可选）")
        case .webRunSubtitle: ("Run {1} {2} · as of {3} · made {4}", "运行 {1} {2} · 截至 {3} · 创建于 {4}")
        case .webRunsTitle: ("Analysis runs", "分析运行")
        case .webScale:
            ("Rating scale of a surveys or complaints file (e.g. 1-5, 1-7, 0-10)", "调查或投诉文件的评分量表（如 1-5、1-7、0-10）")
        case .webSearch: ("Id or name", "编号或名称")
        case .webSearchButton: ("Search", "搜索")
        case .webShowAll: ("Show all customers", "显示全部客户")
        case .webWarned: ("warned of in the run", "本次分析预警的客户")
        case .webNotWarned: ("not warned of in the run", "本次分析未预警的客户")
        case .webSkipInvalid: ("Skip bad rows and import the rest", "跳过错误行，导入其余行")
        case .webStartRun: ("Analysis run", "分析运行")
        case .webStartRunButton: ("Start a run", "开始运行")
        case .webStartRunIntro:
            (
                "Scores, segments, fits the CLV models, lifecycle stages and churn warnings, with the default settings; the pages then show the new run.",
                "使用默认设置计算得分与细分、拟合 CLV 模型、判定生命周期阶段与流失预警；完成后各页面显示新的运行。"
            )
        case .webStepHeaders: ("Step|Name|Ran|Seconds|Detail", "步骤|名称|已运行|秒|说明")
        case .webTaskHeaders:
            (
                "Task|Customer|Status|Reason|Warnings|Owner|Opened|Due|Value at risk|Note",
                "任务|客户|状态|原因|预警|负责人|创建|到期|风险价值|备注"
            )
        case .webTaskLabel: ("Task {1}:", "任务 {1}：")
        case .webTaskLossReason: ("Loss reason", "流失原因")
        case .webTaskNote: ("Note", "备注")
        case .webTaskOwner: ("Owner", "负责人")
        case .webTaskSave: ("Save", "保存")
        case .webTaskUpdate: ("Update", "更新")
        case .webTaskUpdated: ("Task {1} was updated.", "任务 {1} 已更新。")
        case .webTasksEveryone: ("Everyone's tasks", "全部任务")
        case .webTasksMine: ("My tasks", "我的任务")
        case .webTotalCLV: ("Total CLV (model horizon)", "总 CLV（模型期限内）")
        case .webUploadButton: ("Import", "导入")
        case .webUploadTitle: ("Import a file", "导入文件")
        case .webUser: ("User name", "用户名")
        case .webValueAtRisk: ("Value at risk (warned customers)", "风险价值（预警客户）")
        case .webValueHistory: ("Revenue by month", "每月收入")
        case .webValueHistoryCaption: ("Net revenue per month, {1} to {2}", "每月净收入，{1} 至 {2}")
        }
    }
}

extension AppError {
    /// An error whose message comes from the catalogue, in English and in every other language.
    public init(_ code: Code, _ text: Text, _ values: any CustomStringConvertible..., facts: [Fact] = []) {
        self.init(code, text.fill(.en, values), facts: facts)
        for language in Language.allCases { translations[language] = text.fill(language, values) }
    }

    /// The same error with its message in every language, from the catalogue.
    public func localized(_ text: Text, _ values: any CustomStringConvertible...) -> AppError {
        var error = self
        for language in Language.allCases { error.translations[language] = text.fill(language, values) }
        return error
    }

    /// The message in `language` (English when no translation was given).
    public func message(in language: Language) -> String { translations[language] ?? message }
}
