/// Languages the family-facing documents are printed in. Add a language by adding a case and its table in
/// `Messages`; a test checks that every table has every message.
public enum FamilyLanguage: String, CaseIterable, Sendable {
    case en, es

    /// The language for a family's stated preference ("Spanish", "español", "es"); English otherwise.
    public init(preferred: String?) {
        let text = (preferred ?? "").lowercased().trimmingCharacters(in: .whitespaces)
        if text == "es" || text.hasPrefix("span") || text.hasPrefix("espa") { self = .es } else { self = .en }
    }

    public var name: String {
        switch self {
        case .en: "English"
        case .es: "Español"
        }
    }
}

/// Every label, heading and date on family-facing documents, in each language. Content staff and families
/// wrote stays as entered; only what the system writes is translated.
public enum Message: String, CaseIterable, Sendable {
    case agreementTitle, programYear, family, pointOfContact, started, nextReview, printed
    case goals, noGoals, familyGoal, childGoalFor, outcomes, targetDate, state
    case step1, inFamilysWords, step2, familySkills, teamSkills, step3, step4, step5, step6
    case teamSupports, partnerSupports, familySupports, step7
    case actionSteps, what, who, byWhen, done, notDone, successes
    case acknowledgement, acknowledgedBy, signature, date, noAcknowledgement, familySignature, staffSignature, name
    case stateActive, stateAchieved, stateRevised, stateDiscontinued
    case outcomeFamilyWellBeing, outcomeParentChild, outcomeLifelongEducators, outcomeLearners, outcomeTransitions
    case outcomePeersAndCommunity, outcomeAdvocatesAndLeaders
    case methodSignedOnPaper, methodSignedOnScreen, methodAgreedByPhone
}

public enum Messages {
    public static func text(_ message: Message, _ language: FamilyLanguage) -> String {
        table(language)[message] ?? english[message] ?? message.rawValue
    }

    public static func table(_ language: FamilyLanguage) -> [Message: String] {
        switch language {
        case .en: english
        case .es: spanish
        }
    }

    public static func outcome(_ outcome: Outcome, _ language: FamilyLanguage) -> String {
        let message: Message = switch outcome {
        case .familyWellBeing: .outcomeFamilyWellBeing
        case .parentChildRelationships: .outcomeParentChild
        case .lifelongEducators: .outcomeLifelongEducators
        case .learners: .outcomeLearners
        case .transitions: .outcomeTransitions
        case .peersAndCommunity: .outcomePeersAndCommunity
        case .advocatesAndLeaders: .outcomeAdvocatesAndLeaders
        }
        return text(message, language)
    }

    public static func state(_ state: GoalState, _ language: FamilyLanguage) -> String {
        let message: Message = switch state {
        case .active: .stateActive
        case .achieved: .stateAchieved
        case .revised: .stateRevised
        case .discontinued: .stateDiscontinued
        }
        return text(message, language)
    }

    public static func method(_ method: AcknowledgementMethod, _ language: FamilyLanguage) -> String {
        let message: Message = switch method {
        case .signedOnPaper: .methodSignedOnPaper
        case .signedOnScreen: .methodSignedOnScreen
        case .agreedByPhone: .methodAgreedByPhone
        }
        return text(message, language)
    }

    /// A date written out: "November 24, 2026" / "24 de noviembre de 2026".
    /// A household's name as the language says it: "Alvarez family" is "Familia Alvarez" in Spanish. A name not
    /// written "… family" is the family's own and stays as it is.
    public static func household(_ name: String, _ language: FamilyLanguage) -> String {
        guard language == .es, name.lowercased().hasSuffix(" family") else { return name }
        return "Familia " + name.dropLast(" family".count)
    }

    public static func date(_ date: CalendarDate, _ language: FamilyLanguage) -> String {
        switch language {
        case .en:
            let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                          "October", "November", "December"]
            return "\(months[date.month - 1]) \(date.day), \(date.year)"
        case .es:
            let months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                          "octubre", "noviembre", "diciembre"]
            return "\(date.day) de \(months[date.month - 1]) de \(date.year)"
        }
    }

    static let english: [Message: String] = [
        .agreementTitle: "Family Partnership Agreement", .programYear: "Program year", .family: "Family",
        .pointOfContact: "Your point of contact", .started: "Started", .nextReview: "Next review", .printed: "Printed",
        .goals: "Our goals", .noGoals: "No goals yet.", .familyGoal: "Family goal", .childGoalFor: "Goal for",
        .outcomes: "Outcome areas", .targetDate: "Target date", .state: "Status",
        .step1: "1. The goal", .inFamilysWords: "In our words", .step2: "2. Skills", .familySkills: "Our family's skills",
        .teamSkills: "The team's skills", .step3: "3. Strengths", .step4: "4. Stressors", .step5: "5. Strategies",
        .step6: "6. Supports", .teamSupports: "From the program team", .partnerSupports: "From community partners",
        .familySupports: "From family and friends", .step7: "7. Tracking progress and celebrating successes",
        .actionSteps: "Action steps", .what: "What", .who: "Who", .byWhen: "By when", .done: "Done", .notDone: "Not yet",
        .successes: "Successes to celebrate",
        .acknowledgement: "Acknowledgement", .acknowledgedBy: "Acknowledged by", .signature: "Signature", .date: "Date",
        .noAcknowledgement: "We developed this agreement together.", .familySignature: "Parent or guardian",
        .staffSignature: "Family service worker", .name: "Name",
        .stateActive: "Active", .stateAchieved: "Achieved", .stateRevised: "Revised", .stateDiscontinued: "Discontinued",
        .outcomeFamilyWellBeing: "Family well-being", .outcomeParentChild: "Positive parent-child relationships",
        .outcomeLifelongEducators: "Families as lifelong educators", .outcomeLearners: "Families as learners",
        .outcomeTransitions: "Family engagement in transitions",
        .outcomePeersAndCommunity: "Family connections to peers and community",
        .outcomeAdvocatesAndLeaders: "Families as advocates and leaders",
        .methodSignedOnPaper: "Signed on paper", .methodSignedOnScreen: "Signed on screen, in person",
        .methodAgreedByPhone: "Agreed by phone",
    ]

    static let spanish: [Message: String] = [
        .agreementTitle: "Acuerdo de Colaboración con la Familia", .programYear: "Año del programa", .family: "Familia",
        .pointOfContact: "Su persona de contacto", .started: "Iniciado", .nextReview: "Próxima revisión", .printed: "Impreso",
        .goals: "Nuestras metas", .noGoals: "Todavía no hay metas.", .familyGoal: "Meta familiar", .childGoalFor: "Meta para",
        .outcomes: "Áreas de resultados", .targetDate: "Fecha prevista", .state: "Estado",
        .step1: "1. La meta", .inFamilysWords: "En nuestras palabras", .step2: "2. Habilidades",
        .familySkills: "Habilidades de nuestra familia", .teamSkills: "Habilidades del equipo", .step3: "3. Fortalezas",
        .step4: "4. Factores de estrés", .step5: "5. Estrategias", .step6: "6. Apoyos",
        .teamSupports: "Del equipo del programa", .partnerSupports: "De organizaciones de la comunidad",
        .familySupports: "De familiares y amigos", .step7: "7. Seguimiento del progreso y celebración de los logros",
        .actionSteps: "Pasos a seguir", .what: "Qué", .who: "Quién", .byWhen: "Para cuándo", .done: "Hecho",
        .notDone: "Pendiente", .successes: "Logros para celebrar",
        .acknowledgement: "Conformidad", .acknowledgedBy: "Conformidad dada por", .signature: "Firma", .date: "Fecha",
        .noAcknowledgement: "Elaboramos este acuerdo juntos.", .familySignature: "Madre, padre o tutor",
        .staffSignature: "Trabajador(a) de servicios familiares", .name: "Nombre",
        .stateActive: "Activa", .stateAchieved: "Lograda", .stateRevised: "Revisada", .stateDiscontinued: "Suspendida",
        .outcomeFamilyWellBeing: "Bienestar familiar", .outcomeParentChild: "Relaciones positivas entre padres e hijos",
        .outcomeLifelongEducators: "Las familias como educadores de por vida", .outcomeLearners: "Las familias como estudiantes",
        .outcomeTransitions: "Participación de la familia en las transiciones",
        .outcomePeersAndCommunity: "Conexiones de la familia con sus pares y la comunidad",
        .outcomeAdvocatesAndLeaders: "Las familias como defensores y líderes",
        .methodSignedOnPaper: "Firmado en papel", .methodSignedOnScreen: "Firmado en pantalla, en persona",
        .methodAgreedByPhone: "Aceptado por teléfono",
    ]
}
