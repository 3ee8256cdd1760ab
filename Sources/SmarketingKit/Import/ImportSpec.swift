/// What an `import` was asked to do: the clauses of the command, as a value. The shell
/// parses the command into this; `ImportPlanner` turns it and the file into a plan.
public struct ImportSpec: Sendable, Equatable {
    /// A CRM whose export header smk knows (`csv`: none, every column as it is).
    public enum Preset: String, Sendable, CaseIterable {
        case hubspot, salesforce, pipedrive, csv
    }

    /// Which existing lead a row updates (instead of adding a new one).
    public enum Key: String, Sendable, CaseIterable {
        case email, id
    }

    /// `map "COLUMN" to FIELD`.
    public struct Mapping: Sendable, Equatable {
        public var column: String
        public var field: String
        public init(column: String, field: String) {
            self.column = column
            self.field = field
        }
    }

    /// `"VALUE" to STAGE` inside `stage from`.
    public struct StageValue: Sendable, Equatable {
        public var value: String
        public var stage: String
        public init(value: String, stage: String) {
            self.value = value
            self.stage = stage
        }
    }

    /// `join FILE on "COLUMN" …`: a second export joined on a key column.
    public struct Join: Sendable, Equatable {
        public var file: String
        public var column: String
        /// The joined file's own clauses (held in an array: a struct cannot hold itself).
        private var specs: [ImportSpec]
        public var spec: ImportSpec {
            get { specs[0] }
            set { specs[0] = newValue }
        }
        public init(file: String, column: String, spec: ImportSpec) {
            self.file = file
            self.column = column
            self.specs = [spec]
        }
    }

    public var preset: Preset?
    public var mappings: [Mapping] = []
    /// `stage from "COLUMN"`.
    public var stageColumn: String?
    public var stageValues: [StageValue] = []
    /// `else STAGE`: the stage of a value no rule names.
    public var stageElse: String?
    /// `stage STAGE`: every row's stage (for a joined file: the stage its rows move to).
    public var stage: String?
    /// `stage STAGE on "COLUMN"`: when a joined row moved to its stage.
    public var stageDateColumn: String?
    /// Values meaning "not answered" besides blank (`null "Select"`).
    public var nulls: [String] = []
    /// `date-format dd-MM-yyyy [HH:mm]`.
    public var dateFormat: String?
    /// `separator ;`: nil to sniff.
    public var separator: UInt8?
    public var key: Key?
    public var join: Join?
    public var strict = false
    public var dryRun = false

    public init() {}
}
