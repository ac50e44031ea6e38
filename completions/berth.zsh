#compdef berth
# zsh completion for berth: put it on $fpath as _berth
_berth() {
  local -a candidates
  candidates=("${(@f)$(berth __complete "${words[@]:1:$((CURRENT-1))}" 2>/dev/null | grep -v '^:')}")
  compadd -- $candidates
}
compdef _berth berth
