# fish completion for berth: copy to ~/.config/fish/completions/berth.fish
function __berth_complete
    set -l words (commandline -opc) (commandline -ct)
    berth __complete $words[2..-1] 2>/dev/null | string match -v -r '^:'
end
complete -c berth -f -a '(__berth_complete)'
