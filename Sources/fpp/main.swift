import FamilyPartnership

try await FPP.main()
