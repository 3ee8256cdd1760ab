/// What a place in a command's synopsis holds, as far as TAB is concerned: the placeholder
/// names of `usage` strings (`ID`, `STAGE`, `FIELD`, `FILE`…) mapped to where the
/// candidates come from.
enum ArgumentKind: Hashable, Sendable {
    /// A command name (`help COMMAND`).
    case command
    /// A lead id (`show ID`, `move ID,…`).
    case leadID
    /// A stage id (`to STAGE`).
    case stage
    /// A field name (`sort F`, `by FIELD`, `cols a,b,c`).
    case field
    /// A query expression (`where EXPR`).
    case expression
    /// Someone who can own a lead: the owners in the workspace and the team.
    case owner
    case persona
    /// A saved view (`@view`, `view drop NAME`).
    case view
    /// A glossary term or alias (`explain TERM`).
    case term
    /// A file or directory (`save FILE`).
    case file
    /// A tag present on some lead (`+TAG -TAG`).
    case tag
    /// A `let` variable (`$NAME`).
    case variable
    /// A scenario of the session (`scenario switch NAME`).
    case scenario
    /// An activity type (`webinar`, `demo`).
    case activity
    /// A value for the field named before `=` (`set ID FIELD = VALUE`).
    case value
    /// A column of the CSV file the command names first (`import FILE map "COLUMN"`).
    case column
    /// A person of the team (`team remove NAME`).
    case teamMember
    /// The number of an open proposal (`approve N`, `decline N`).
    case proposal
    /// Free text, a number or a note: nothing to propose.
    case text

    /// The kind a synopsis placeholder stands for. `NAME` is a name of what the command is
    /// called after (`persona show NAME`, `view drop NAME`), a variable for `let` and a
    /// person for `as`; a single lowercase letter is an item of a field list (`cols a,b,c`).
    /// Anything else is free text.
    init(placeholder: String, command: String) {
        if placeholder.count == 1, placeholder.first?.isLowercase == true {
            self = .field
            return
        }
        switch placeholder {
        case "ID", "IDS", "LEAD", "SEL", "SELECTOR": self = .leadID
        case "STAGE": self = .stage
        case "F", "FIELD", "FIELDS": self = .field
        case "COLUMN": self = .column
        case "EXPR", "EXPRESSION", "CONDITION": self = .expression
        case "OWNER", "PERSON", "USER", "WHO": self = .owner
        case "PERSONA": self = .persona
        case "VIEW": self = .view
        case "TERM": self = .term
        case "FILE", "PATH", "DIR", "DIRECTORY": self = .file
        case "TAG": self = .tag
        case "COMMAND", "TOPIC": self = .command
        case "VAR", "VARIABLE": self = .variable
        case "VALUE": self = .value
        case "N" where command == "approve" || command == "decline": self = .proposal
        case "ACTIVITY", "TYPE": self = .activity
        case "NAME":
            switch command {
            case "persona", "personas": self = .persona
            case "view", "views": self = .view
            case "scenario", "scenarios": self = .scenario
            case "let": self = .variable
            case "as": self = .owner
            case "team": self = .teamMember
            default: self = .text
            }
        default: self = .text
        }
    }

    /// The kind a sigil before a placeholder gives: `@view`, `$NAME`.
    init?(sigil: Character) {
        switch sigil {
        case "@": self = .view
        case "$": self = .variable
        default: return nil
        }
    }
}
