fn main() -> std::process::ExitCode {
    goal_lint_cli::main()
}
