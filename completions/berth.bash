# bash completion for berth: source this file, or copy it to
# /usr/share/bash-completion/completions/berth
_berth() {
  local out
  out=$(berth __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null) || return
  # candidates are "name<TAB>description" lines, then ":directive"
  COMPREPLY=($(printf '%s\n' "$out" | grep -v '^:' | cut -f1))
}
complete -F _berth berth
