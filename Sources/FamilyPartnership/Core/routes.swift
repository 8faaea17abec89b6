import Vapor

/// Every route: public sign-in, then pages behind sign-in and CSRF, then the JSON API behind tokens.
func routes(_ app: Application) throws {
    try app.register(collection: Layout.StylesheetController())
    try app.register(collection: SignInControllerGuard())
    try app.register(collection: CalendarFeedController())
    try app.register(collection: OperationsController())

    let pages = app.grouped(RequireSignIn(), CSRFMiddleware())
    try pages.register(collection: FamilyController())
    try pages.register(collection: FamilyImportController())
    try pages.register(collection: WorkListController())
    try pages.register(collection: FamilyHistoryController())
    try pages.register(collection: MemberController())
    try pages.register(collection: TeamController())
    try pages.register(collection: CaseloadController())
    try pages.register(collection: SupervisionController())
    try pages.register(collection: AssessmentController())
    try pages.register(collection: InstrumentController())
    try pages.register(collection: AgreementController())
    try pages.register(collection: GoalController())
    try pages.register(collection: ProviderController())
    try pages.register(collection: ReferralController())
    try pages.register(collection: VisitController())
    try pages.register(collection: VisitHubController())
    try pages.register(collection: WeekController())
    try pages.register(collection: TrainingController())
    try pages.register(collection: DrawController())
    try pages.register(collection: TimeReportController())
    try pages.register(collection: AgencyPlanController())
    try pages.register(collection: PartnerController())
    try pages.register(collection: PrivacyController())
    try pages.register(collection: SharedController())
    try pages.register(collection: ReportController())
    try pages.register(collection: SettingsController())
    try pages.register(collection: ProgramSettingsController())
    try pages.register(collection: SetUpController())
    try pages.register(collection: VisitSettingsController())
    try pages.register(collection: StaffAdminController())

    app.get(APIURL.openAPI.pattern) { _ in OpenAPIDocument.response() }
    let api = app.grouped(RequireSignIn(), JSONBodyMiddleware())
    try api.register(collection: FamilyAPIController())
    try api.register(collection: FamilyImportAPIController())
    try api.register(collection: StaffAPIController())
    try api.register(collection: ProgramAPIController())
    try api.register(collection: AssessmentAPIController())
    try api.register(collection: AgreementAPIController())
    try api.register(collection: ServicesAPIController())
    try api.register(collection: PartnerAPIController())
    try api.register(collection: PrivacyAPIController())
    try api.register(collection: VisitsAPIController())
    try api.register(collection: CaseloadAPIController())
    try api.register(collection: SupervisionAPIController())
}

/// Sign-in and sign-out forms carry CSRF tokens too (a forged sign-in would put staff in someone else's account).
private struct SignInControllerGuard: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        try routes.grouped(CSRFMiddleware()).register(collection: SignInController())
    }
}
