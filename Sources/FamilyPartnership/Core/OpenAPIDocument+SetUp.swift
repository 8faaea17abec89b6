import Foundation

extension OpenAPIDocument {
    /// The program's set-up: its details, sites and classrooms (changed by the director or an administrator).
    static var setUpPaths: [String: JSONValue] {
        let id = UUID.routeParameter
        let paging = pagingParameters
        return [
            APIURL.program.openAPIPath: [
                "get": operation("getProgram", "The program's details: options, services, program year, kindergarten dates, time zone.", ok: ref("Program")),
                "patch": operation("patchProgram", "Change the program's details sent (the director or an administrator).",
                                   body: ref("ProgramPatch"), ok: ref("Program"), versioned: .required),
            ],
            APIURL.sites.openAPIPath: [
                "get": operation("listSites", "The program's sites, by name.", parameters: paging, ok: page(of: "Site")),
                "post": operation("addSite", "Add a site (the director or an administrator).", body: ref("SiteInput"), created: ref("Site")),
            ],
            APIURL.site(id).openAPIPath: [
                "parameters": [pathParameter("siteID")],
                "get": operation("getSite", "One site.", ok: ref("Site")),
                "patch": operation("patchSite", "Change a site's name, address or phone.", body: ref("SiteInput"), ok: ref("Site"), versioned: .required),
            ],
            APIURL.classrooms.openAPIPath: [
                "get": operation("listClassrooms", "The program's classrooms, by name, with their teachers.", parameters: paging, ok: page(of: "Classroom")),
                "post": operation("addClassroom", "Add a classroom at a site, with its option and teachers.", body: ref("ClassroomInput"), created: ref("Classroom")),
            ],
            APIURL.familyImports.openAPIPath: [
                "post": operation("importFamilies", "Import families from a CSV export (managers and directors): every row's problems by line, the likely duplicates, and with `dry_run` nothing added; otherwise the good rows in one transaction (201).",
                                  body: ref("FamilyImportInput"), ok: ref("FamilyImportReport"), created: ref("FamilyImportReport")),
            ],
            APIURL.classroom(id).openAPIPath: [
                "parameters": [pathParameter("classroomID")],
                "get": operation("getClassroom", "One classroom.", ok: ref("Classroom")),
                "patch": operation("patchClassroom", "Change a classroom; a new name moves its children with it. `teacher_ids` replaces the teachers.",
                                   body: ref("ClassroomInput"), ok: ref("Classroom"), versioned: .required),
            ],
        ]
    }
}
