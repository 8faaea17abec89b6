/// Whether a child's date of birth is plausible for the program they are enrolled in. Head Start serves
/// children from age 3 until kindergarten; Early Head Start serves infants and toddlers until age 3. A margin
/// on each side allows for applications made ahead and for transitions during the year.
public enum ChildAge {
    public static func problem(dateOfBirth: CalendarDate, program: ProgramType?, today: CalendarDate) -> String? {
        if dateOfBirth > today { return "The date of birth cannot be in the future." }
        let months = dateOfBirth.months(until: today)
        switch program {
        case .headStart?:
            if months < 24 { return "A Head Start child is 3 to 5 years old; this child is under 2. Choose Early Head Start?" }
            if months >= 72 { return "A Head Start child is 3 to 5 years old; this child is 6 or older." }
        case .earlyHeadStart?:
            if months >= 48 { return "An Early Head Start child is under 3; this child is 4 or older. Choose Head Start?" }
        case nil:
            if months >= 72 { return "Children in the program are under 6; check the date of birth." }
        }
        return nil
    }
}
