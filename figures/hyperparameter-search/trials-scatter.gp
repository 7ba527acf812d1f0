# trials-scatter.gp — written by the course; edit freely and rerun, no retraining needed.
#   gnuplot trials-scatter.gp                  writes trials-scatter.png and trials-scatter.svg
#   gnuplot -c trials-scatter.gp terminal      draws it in the terminal
#   gnuplot -c trials-scatter.gp files a.png b.svg   writes a.png and b.svg (beside it) instead

# Work beside this script, where its data files are: its path up to the last '/'.
# (Found in gnuplot itself, not the shell, so any character in the path is safe.)
script_dir = "."
do for [i = 1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { script_dir = (i == 1) ? "/" : ARG0[1:i-1] } }
cd script_dir
mode = (ARGC > 0) ? ARG1 : "files"
targets = (mode eq "terminal") ? "terminal" : "png svg"
png_file = (ARGC > 1) ? ARG2 : 'trials-scatter.png'
svg_file = (ARGC > 2) ? ARG3 : 'trials-scatter.svg'

do for [target in targets] {
  if (target eq "png") { set terminal pngcairo size 900,640 noenhanced font 'Sans,10'; set output png_file }
  if (target eq "svg") { set terminal svg size 900,640 noenhanced font 'Sans,10' background 'white'; set output svg_file }
  if (target eq "terminal") { set terminal dumb size 100,30 noenhanced; set output }
  set multiplot layout 1,1
  # — panel '100 trials: learning rate and weight decay, coloured by final validation accuracy' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title '100 trials: learning rate and weight decay, coloured by final validation accuracy'; set xlabel 'learning rate'; set ylabel 'weight decay'
  set xrange [0.001:0.01]; set yrange [1e-08:1e-06]
  set format x '% h'
  set format y '% h'
  set logscale x; set format x '%g'; set xtics add (0.002, 0.005)
  set logscale y; set format y '%g'; set ytics add (2e-08, 5e-08, 2e-07, 5e-07)
  unset key
  set colorbox; set palette rgbformulae 33,13,10
  set cbrange [0.1:0.79]; set cblabel 'final validation accuracy'
  plot 'trials.dat' using 2:3:4 with points pt 7 ps 1.2 palette title 'trial'
  unset multiplot
  set output
}
