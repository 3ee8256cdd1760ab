import SmarketingKit

/// TAB completion: from the line before the cursor, the command table and the workspace,
/// the words that could stand where the cursor is.
///
/// Pure: it reads the session (never changes it) and, for paths, the file system. What a
/// command takes comes from its synopsis (`Synopsis`), what a query expects from the query
/// grammar (`ExpressionPosition`), and the words from the workspace (`CandidateSource`),
/// so a new command, field or stage completes without anything being added here.
public enum Completer {
    /// The most candidates proposed; nobody reads a longer list.
    static let limit = 300
    /// The most lead ids collected (a workspace may hold a million).
    static let idLimit = 200

    /// The candidates for the word before `cursor` (a `Character` offset into `line`).
    public static func complete(line: String, cursor: Int, session: Session) -> CompletionResult {
        complete(line: line, cursor: cursor, session: session, commands: CommandRegistry.all)
    }

    /// As `complete(line:cursor:session:)`, with the command table given (for tests).
    static func complete(line: String, cursor: Int, session: Session, commands: [any ShellCommand.Type]) -> CompletionResult {
        let before = String(line.prefix(max(0, cursor)))
        guard let typed = TypedLine(before) else { return .none(at: before.count) }
        var proposals = Proposals(typed: typed)
        let source = CandidateSource(session: session, commands: commands, idLimit: idLimit)
        propose(into: &proposals, typed: typed, source: source)
        return CompletionResult(candidates: proposals.candidates(limit: limit), replaceFrom: typed.wordStart)
    }

    private static func propose(into proposals: inout Proposals, typed: TypedLine, source: CandidateSource) {
        let word = typed.word
        guard let first = typed.tokens.first else {
            proposals.add(keywords: source.words(.command, typed: word))
            return
        }
        // `$variable` and `@view` mean the same wherever they are typed.
        if typed.quote == nil, let sigil = word.first, let kind = ArgumentKind(sigil: sigil) {
            proposals.add(source.words(kind, typed: String(word.dropFirst())), sigil: String(sigil))
            return
        }
        guard first.kind == .word,
              let command = source.commands.first(where: { $0.name == first.text.lowercased() || $0.aliases.contains(first.text.lowercased()) })
        else { return }
        let synopsis = Synopsis(command)
        let arguments = typed.tokens.dropFirst()
        let used = Set(arguments.filter { $0.kind == .word }.map { $0.text.lowercased() })

        // `+TAG -TAG`: the sigils the command's synopsis declares.
        if typed.quote == nil, let sigil = word.first, let kind = synopsis.sigils[sigil] {
            proposals.add(source.words(kind, typed: String(word.dropFirst())), sigil: String(sigil))
            return
        }

        // The clause the cursor is in: after the last keyword that takes an argument.
        if let head = arguments.lastIndex(where: { $0.kind == .word && synopsis.arguments[$0.text.lowercased()] != nil }) {
            let clause = arguments[head].text.lowercased()
            var slot = synopsis.arguments[clause] ?? Synopsis.Slot()
            slot.keywords = synopsis.unused(slot.keywords, used: used)
            let after = arguments[(head + 1)...]
            let next = synopsis.nextKeywords(used: used, in: clause)
            if slot.kinds.contains(.expression) {
                proposeInExpression(ExpressionPosition(after: after), into: &proposals, source: source, next: next)
            } else if after.isEmpty || after.last?.isSymbol(",") == true {
                propose(slot, into: &proposals, source: source, arguments: arguments, command: command)
            } else {
                proposals.add(keywords: next)
            }
            return
        }

        // Before any clause, words go by position: what the command starts with, then
        // what its synopsis has at the place the word is in, or the next keyword.
        let places = Self.places(arguments)
        let continuesList = arguments.last?.isSymbol(",") == true
        let position = continuesList ? places.count - 1 : places.count
        if position == 0 {
            let idsWanted = !synopsis.leadingIsOptional || continuesList || word.contains { !$0.isLetter }
            propose(synopsis.leading, into: &proposals, source: source, arguments: arguments, leadIDs: idsWanted)
            if synopsis.leadingIsOptional, !continuesList { proposals.add(keywords: synopsis.nextKeywords(used: [])) }
            return
        }
        var slot = synopsis.slot(at: position, typed: places.map { $0.count == 1 ? $0[0].text.lowercased() : "" })
        slot.kinds.removeAll { $0 == .expression }
        slot.keywords = synopsis.unused(slot.keywords, used: used)
        propose(slot, into: &proposals, source: source, arguments: arguments, command: command)
        if !continuesList { proposals.add(keywords: synopsis.nextKeywords(used: used)) }
    }

    /// The arguments grouped by place: `L-1, L-2` is one place, `=` another.
    private static func places(_ arguments: ArraySlice<Token>) -> [[Token]] {
        var places: [[Token]] = []
        var joinsNext = false
        for token in arguments {
            if token.isSymbol(",") || joinsNext, !places.isEmpty {
                places[places.count - 1].append(token)
            } else {
                places.append([token])
            }
            joinsNext = token.isSymbol(",")
        }
        return places
    }

    /// The words of one place of the synopsis: its keywords and what its placeholders hold.
    /// A command that would refuse some of them (`CompletionNarrowing`) takes those away.
    private static func propose(_ slot: Synopsis.Slot, into proposals: inout Proposals, source: CandidateSource,
                                arguments: ArraySlice<Token>, leadIDs: Bool = true, command: (any ShellCommand.Type)? = nil) {
        let word = proposals.typed.word
        proposals.add(keywords: slot.keywords)
        for kind in slot.kinds where kind != .leadID || leadIDs {
            if kind == .column {
                // The header of the file the command names first (`import FILE … map "`).
                guard let file = arguments.first, file.kind != .symbol else { continue }
                proposals.add(CSVReader.header(ofFile: file.text).filter { CandidateSource.matches($0, word) })
            } else if kind == .value {
                // `FIELD = VALUE`: the values of the field named before the `=`.
                guard let equals = arguments.lastIndex(where: { $0.isSymbol("=") }), equals > arguments.startIndex,
                      let values = source.values(of: arguments[equals - 1].text, typed: word) else { continue }
                proposals.add(values, inExpression: true)
            } else {
                var words = source.words(kind, typed: word)
                if let narrowing = command as? any CompletionNarrowing.Type {
                    words = narrowing.narrow(words, for: kind, after: arguments, in: source.session)
                }
                proposals.add(words)
            }
        }
    }

    /// Inside `where EXPR`: fields, operators' words, values, and after a whole comparison
    /// `and`, `or` and the command's next clauses (`next`).
    private static func proposeInExpression(_ position: ExpressionPosition, into proposals: inout Proposals,
                                            source: CandidateSource, next: [String]) {
        let word = proposals.typed.word
        switch position {
        case .operand:
            proposals.add(source.words(.field, typed: word))
            proposals.add(keywords: ["not"])
        case .afterField:
            proposals.add(keywords: ["in", "not", "between", "is"])
        case .afterNot:
            proposals.add(keywords: ["in"])
        case .value(let field, let op):
            let isStage = LeadField.named(field)?.type == .stage
            guard isStage || ["=", "!=", "in"].contains(op), let values = source.values(of: field, typed: word) else { return }
            proposals.add(values, inExpression: true)
        case .betweenAnd:
            proposals.add(keywords: ["and"])
        case .afterIs(let negated):
            proposals.add(keywords: negated ? ["none"] : ["none", "not"])
        case .afterValue:
            proposals.add(keywords: ["and", "or"] + next)
        case .listOpen, .listNext, .unknown:
            break
        }
    }
}
