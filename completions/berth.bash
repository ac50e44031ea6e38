# bash completion for berth: source this file, or copy it to
# /usr/share/bash-completion/completions/berth
_berth() {
  local cur words
  cur="${COMP_WORDS[COMP_CWORD]}"
  words=("${COMP_WORDS[@]:1:COMP_CWORD}")
  local out
  out=$(berth __complete "${words[@]}" 2>/dev/null) || return
  COMPREPLY=($(printf '%s\n' "$out" | grep -v '^:' ))
}
complete -F _berth berth
