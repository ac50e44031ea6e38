#compdef berth
# zsh completion for berth: put it on $fpath as _berth
_berth() {
  local -a candidates
  local line
  for line in "${(@f)$(berth __complete "${words[@]:1:$((CURRENT-1))}" 2>/dev/null)}"; do
    [[ $line == :* ]] && continue
    candidates+=("${line%%$'\t'*}:${line#*$'\t'}")
  done
  _describe 'berth' candidates
}
compdef _berth berth
