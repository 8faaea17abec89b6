import Plot

/// Form controls built the same way everywhere: a label tied to its control, the entered value kept, and
/// the field's message shown beside it and announced to screen readers.
enum FormKit {
    static func form(action: String, csrf: String, class className: String? = nil,
                     _ nodes: [Node<HTML.BodyContext>]) -> Node<HTML.BodyContext> {
        .element(named: "form", nodes: [
            .attribute(named: "method", value: "post"),
            .attribute(named: "action", value: action),
            .unwrap(className) { .class($0) },
            hidden(CSRF.field, csrf),
        ] + nodes)
    }

    static func hidden(_ name: String, _ value: String) -> Node<HTML.BodyContext> {
        .element(named: "input", attributes: [
            Attribute<HTML.InputContext>.type(.hidden), .name(name), .value(value),
        ])
    }

    /// The version of the record the form was filled in from, sent back so a change made meanwhile is noticed.
    static func version(_ version: Int?) -> Node<HTML.BodyContext> {
        .unwrap(version) { hidden("version", String($0)) }
    }

    static func field(_ name: String, _ label: String, value: String?, errors: FieldErrors = FieldErrors(),
                      type: HTMLInputType = .text, required: Bool = false, autocomplete: String? = nil,
                      hint: String? = nil, idSuffix: String = "") -> Node<HTML.BodyContext> {
        let error = errors[name]
        let fieldID = id(name) + idSuffix
        var attributes: [Attribute<HTML.InputContext>] = [
            .type(type), .name(name), .id(fieldID), .value(value ?? ""),
        ]
        if required { attributes.append(.attribute(named: "required", value: "required")) }
        if let autocomplete { attributes.append(.attribute(named: "autocomplete", value: autocomplete)) }
        attributes += describedBy(name, error: error, hint: hint)
        return .div(
            .label(.for(fieldID), .text(label + (required ? " (required)" : ""))),
            .unwrap(hint) { .p(.class("hint"), .id(id(name) + "-hint"), .text($0)) },
            .element(named: "input", attributes: attributes),
            message(name, error)
        )
    }

    static func textArea(_ name: String, _ label: String, value: String?, errors: FieldErrors = FieldErrors(),
                         hint: String? = nil, rows: Int = 3) -> Node<HTML.BodyContext> {
        let error = errors[name]
        var nodes: [Node<HTML.TextAreaContext>] = [.attribute(named: "name", value: name), .id(id(name)), .rows(rows)]
        nodes += describedBy(name, error: error, hint: hint).map { .attribute($0.asTextArea) }
        nodes.append(.text(value ?? ""))
        return .div(
            .label(.for(id(name)), .text(label)),
            .unwrap(hint) { .p(.class("hint"), .id(id(name) + "-hint"), .text($0)) },
            .element(named: "textarea", nodes: nodes),
            message(name, error)
        )
    }

    static func select(_ name: String, _ label: String, options: [(value: String, label: String)],
                       selected: String?, errors: FieldErrors = FieldErrors(), required: Bool = false,
                       blank: String? = "Choose…", hint: String? = nil, idSuffix: String = "") -> Node<HTML.BodyContext> {
        let error = errors[name]
        let fieldID = id(name) + idSuffix
        var choices = options
        if let blank { choices.insert(("", blank), at: 0) }
        let optionNodes: [Node<HTML.BodyContext>] = choices.map { option in
            .element(named: "option", nodes: [
                // An empty value must still be written, or the browser sends the option's text instead.
                .attribute(named: "value", value: option.value, ignoreIfValueIsEmpty: false),
                .attribute(named: "selected", value: option.value == (selected ?? "") ? "selected" : nil),
                .text(option.label),
            ])
        }
        var attributes: [Node<HTML.BodyContext>] = [.attribute(named: "name", value: name), .id(fieldID)]
        if required { attributes.append(.attribute(named: "required", value: "required")) }
        attributes += describedBy(name, error: error, hint: hint).map { .attribute($0.asBody) }
        return .div(
            .label(.for(fieldID), .text(label + (required ? " (required)" : ""))),
            .unwrap(hint) { .p(.class("hint"), .id(id(name) + "-hint"), .text($0)) },
            .element(named: "select", nodes: attributes + optionNodes),
            message(name, error)
        )
    }

    static func checkbox(_ name: String, _ label: String, checked: Bool, value: String = "on") -> Node<HTML.BodyContext> {
        let fieldID = id(name) + (value == "on" ? "" : "-" + value)
        return .label(
            .class("check"), .for(fieldID),
            .element(named: "input", attributes: [
                Attribute<HTML.InputContext>.type(.checkbox), .name(name), .id(fieldID), .value(value),
                .attribute(named: "checked", value: checked ? "checked" : nil),
            ]),
            .text(label)
        )
    }

    /// One choice from a short list, as radio buttons in a fieldset: easier than a select on a phone, and each
    /// choice can carry a line of explanation.
    static func radios(_ name: String, _ legend: String, options: [(value: String, label: String, hint: String?)],
                       selected: String?, errors: FieldErrors = FieldErrors()) -> Node<HTML.BodyContext> {
        let error = errors[name]
        return .element(named: "fieldset", nodes: [
            .id(id(name)),
            .class("choices"),
            .unwrap(error) { _ in .attribute(named: "aria-describedby", value: id(name) + "-error") },
            .element(named: "legend", text: legend),
            message(name, error),
            // Each input sits inside its label, which names it without an id: this list can be long.
            .forEach(options) { option in
                .label(
                    .element(named: "input", attributes: [
                        Attribute<HTML.InputContext>.type(.radio), .name(name),
                        Attribute(name: "value", value: option.value, ignoreIfValueIsEmpty: false),
                        .attribute(named: "checked", value: option.value == selected ? "checked" : nil),
                    ]),
                    .b(.text(option.label)), .unwrap(option.hint) { .text(" — " + $0) }
                )
            },
        ])
    }

    static func fieldset(_ legend: String, id: String? = nil, _ nodes: [Node<HTML.BodyContext>]) -> Node<HTML.BodyContext> {
        .element(named: "fieldset", nodes: [
            .unwrap(id) { .id($0) },
            .element(named: "legend", text: legend),
        ] + nodes)
    }

    static func submit(_ label: String, secondary: Bool = false) -> Node<HTML.BodyContext> {
        .element(named: "button", nodes: [
            .attribute(named: "type", value: "submit"),
            .unwrap(secondary ? "secondary" : nil) { .class($0) },
            .text(label),
        ])
    }

    /// A list of every problem at the top of the form, each linking to its field.
    static func summary(_ errors: FieldErrors) -> Node<HTML.BodyContext> {
        guard !errors.isEmpty else { return .empty }
        return .div(
            .class("summary"), .attribute(named: "role", value: "alert"),
            .p(.strong(.text(errors.reason))),
            .ul(.forEach(errors.messages.sorted { $0.key < $1.key }) { field, message in
                .li(.a(.href("#" + id(field)), .text(message)))
            })
        )
    }

    static func id(_ name: String) -> String {
        "f-" + name.replacingOccurrences(of: "[]", with: "").replacingOccurrences(of: "[", with: "-")
            .replacingOccurrences(of: "]", with: "")
    }

    private static func message(_ name: String, _ error: String?) -> Node<HTML.BodyContext> {
        .unwrap(error) { .p(.class("error"), .id(id(name) + "-error"), .text($0)) }
    }

    private static func describedBy(_ name: String, error: String?, hint: String?) -> [Attribute<HTML.InputContext>] {
        var ids: [String] = []
        if hint != nil { ids.append(id(name) + "-hint") }
        if error != nil { ids.append(id(name) + "-error") }
        var attributes: [Attribute<HTML.InputContext>] = []
        if !ids.isEmpty { attributes.append(.attribute(named: "aria-describedby", value: ids.joined(separator: " "))) }
        if error != nil { attributes.append(.attribute(named: "aria-invalid", value: "true")) }
        return attributes
    }
}

private extension Attribute where Context == HTML.InputContext {
    var asTextArea: Attribute<HTML.TextAreaContext> { .attribute(named: name, value: value) }
    var asBody: Attribute<HTML.BodyContext> { .attribute(named: name, value: value) }
}

extension Node where Context == HTML.DescriptionListContext {
    /// One term and its value in a record's details; an empty value shows as a dash.
    static func detail(_ term: String, _ value: String?) -> Node {
        .group(.dt(.text(term)), .dd(.text(value.flatMap { $0.isEmpty ? nil : $0 } ?? "—")))
    }
}
