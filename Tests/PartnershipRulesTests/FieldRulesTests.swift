import PartnershipRules
import Testing

@Suite struct FieldRulesTests {
    @Test func phonesAreKeptAsTheirDigits() throws {
        #expect(try FieldRules.phone("(951) 555-0142").get() == "9515550142")
        #expect(try FieldRules.phone("1 951 555 0142").get() == "9515550142")
        #expect(try FieldRules.phone("+52 55 1234 5678").get() == "+525512345678")
        #expect(try FieldRules.phone("  ").get() == nil)
        #expect(throws: FieldProblem.self) { try FieldRules.phone("555-0142").get() }
        #expect(throws: FieldProblem.self) { try FieldRules.phone("call me").get() }
    }

    @Test func emailsNeedOneAtAndADomain() throws {
        #expect(try FieldRules.email(" Ana@Example.ORG ", required: true).get() == "ana@example.org")
        for bad in ["ana", "ana@", "@example.org", "ana@example", "ana @example.org", "a@b@c.org"] {
            #expect(throws: FieldProblem.self) { try FieldRules.email(bad, required: false).get() }
        }
        #expect(throws: FieldProblem.self) { try FieldRules.email(nil, required: true).get() }
    }

    @Test func textIsTrimmedAndBounded() throws {
        #expect(try FieldRules.text("  Alvarez  ", label: "Name", required: true, max: 10).get() == "Alvarez")
        #expect(throws: FieldProblem.self) { try FieldRules.text(String(repeating: "a", count: 11), label: "Name", required: true, max: 10).get() }
        #expect(throws: FieldProblem.self) { try FieldRules.text("bad\u{0}byte", label: "Name", required: true, max: 20).get() }
        #expect(try FieldRules.text("", label: "Name", required: false, max: 10).get() == nil)
    }

    @Test func choicesNameTheAllowedValues() {
        let result = FieldRules.choice("maybe", EnrollmentStatus.self, label: "Status", required: true)
        guard case .failure(let problem) = result else { Issue.record("accepted an unknown status"); return }
        #expect(problem.message.contains("applied, enrolled, exited"))
    }

    @Test func passwordsAreAtLeastTenCharacters() {
        #expect(throws: FieldProblem.self) { try FieldRules.newPassword("short").get() }
        #expect((try? FieldRules.newPassword("long enough now").get()) == "long enough now")
    }

    @Test func duplicateKeysIgnoreCaseAccentsAndAbbreviations() {
        #expect(DuplicateCheck.nameKey("José  Álvarez") == DuplicateCheck.nameKey("jose alvarez"))
        #expect(DuplicateCheck.addressKey("1207 Willow Court Apartment 4") == DuplicateCheck.addressKey("1207 willow court apt 4"))
        #expect(DuplicateCheck.addressKey("12 Main Street") == DuplicateCheck.addressKey("12 Main St."))
        #expect(DuplicateCheck.addressKey("12 Main Street") != DuplicateCheck.addressKey("14 Main Street"))
    }
}
